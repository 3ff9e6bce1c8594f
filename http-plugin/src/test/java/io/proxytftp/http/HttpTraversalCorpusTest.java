package io.proxytftp.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxytftp.testing.TraversalCorpus;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every name of the shared traversal corpus as the raw request target of a GET on the phones'
 * listener, over a plain socket so the bytes are exactly the corpus's: its own escapes ({@code %2e},
 * {@code %252e}, {@code %c0%ae}) travel as written, and only bytes a request line cannot carry
 * (space, controls, {@code ?}, {@code #}, non-ASCII) are percent-encoded. The answer is always a
 * clean refusal in plain text: 400 (a refused name, or a target Jetty will not parse), 404 (a
 * harmless name the store lacks) or 414 (a target longer than Jetty's 8 KiB header limit), never
 * the secret.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpTraversalCorpusTest {
  static final Set<Integer> CLEAN_REFUSALS = Set.of(400, 404, 414);

  @TempDir static Path directory;
  HttpGateway http;

  @BeforeAll
  void start() throws Exception {
    TraversalCorpus.plantSecrets(directory);
    http = HttpGateway.start(directory);
    http.write("XMLDefault.cnf.xml", 100);
  }

  @AfterAll
  void stop() {
    http.close();
  }

  /** The request target for {@code name}: '/' and the name, bytes a request line cannot carry escaped. */
  static String target(byte[] name) {
    StringBuilder target = new StringBuilder("/");
    for (byte b : name) {
      int c = b & 0xFF;
      if (c > 0x20 && c < 0x7f && c != '?' && c != '#') {
        target.append((char) c);
      } else {
        target.append(String.format("%%%02X", c));
      }
    }
    return target.toString();
  }

  @ParameterizedTest
  @MethodSource("io.proxytftp.testing.TraversalCorpus#payloads")
  void everyTraversalNameIsACleanRefusalInPlainText(TraversalCorpus.Payload payload) throws Exception {
    RawExchange response = RawExchange.send(http.gateway().address("http"), "GET", target(payload.bytes()));
    assertTrue(CLEAN_REFUSALS.contains(response.status()), response.head());
    assertFalse(response.toString().contains(TraversalCorpus.SECRET), response::toString);
    assertEquals(Optional.of("text/plain; charset=utf-8"), response.header("Content-Type"), response::toString);
  }
}
