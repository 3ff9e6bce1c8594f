package io.proxytftp.resolve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxytftp.testing.TraversalCorpus;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The name policy every front end shares, over the shared traversal corpus. */
class TraversalCorpusNamesTest {
  @Test
  void corpusHasAtLeastFiftyPayloadsAndDecodesItsEscapes() {
    List<TraversalCorpus.Payload> payloads = TraversalCorpus.payloads();
    assertTrue(payloads.size() >= 50, "payloads: " + payloads.size());
    assertTrue(payloads.stream().anyMatch(p -> p.bytes().length == 65_000), "a 64 KB name");
    assertTrue(payloads.stream().anyMatch(p -> p.text().equals("../secret.txt ")), "trailing space kept");
    byte[] nul = payloads.stream().filter(p -> p.label().equals("..\\x{00}/secret.txt")).findFirst().orElseThrow().bytes();
    assertArrayEquals("..\0/secret.txt".getBytes(StandardCharsets.US_ASCII), nul);
    byte[] overlong = payloads.stream().filter(p -> p.label().startsWith("\\x{c0}")).findFirst().orElseThrow().bytes();
    assertArrayEquals(new byte[] {(byte) 0xc0, (byte) 0xae}, Arrays.copyOf(overlong, 2));
    assertTrue(payloads.stream().anyMatch(p -> p.text().startsWith("\u2024\u2024/")), "ONE DOT LEADER");
  }

  /** A name is refused, or it stays a relative name inside the store: no '.' or '..' segment, no root. */
  @ParameterizedTest
  @MethodSource("io.proxytftp.testing.TraversalCorpus#payloads")
  void everyPayloadIsRefusedOrStaysInsideTheStore(TraversalCorpus.Payload payload) {
    String name;
    try {
      name = RequestedNames.normalise(payload.text());
    } catch (RefusedNameException refused) {
      return;
    }
    assertFalse(name.startsWith("/") || name.contains("\\") || name.contains(":"), name);
    for (String segment : name.split("/")) {
      assertFalse(segment.isEmpty() || segment.equals(".") || segment.equals(".."), name);
    }
  }
}
