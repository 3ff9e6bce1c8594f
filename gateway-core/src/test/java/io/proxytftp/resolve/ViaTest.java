package io.proxytftp.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ViaTest {
  @Test
  void entriesNameTheGatewayIdAndItsInstanceToken() {
    List<Hop> hops = Via.parse("proxytftp-1#k3vq7zma, gw-b#2xw4tq9p").stream().map(Hop::parse).toList();
    assertEquals(List.of(Hop.of("proxytftp-1", "k3vq7zma"), Hop.of("gw-b", "2xw4tq9p")), hops);
    assertEquals("proxytftp-1#k3vq7zma,gw-b#2xw4tq9p", Via.format(hops.stream().map(Hop::toString).toList()));
  }

  @Test
  void valuesOfOlderReleasesReadAsGatewaysWithoutTokens() {
    List<Hop> hops = Via.parse("gw-a,gw-b").stream().map(Hop::parse).toList();
    assertEquals(List.of(new Hop("gw-a", Optional.empty()), new Hop("gw-b", Optional.empty())), hops);
    assertEquals("gw-a", hops.get(0).toString());
    assertEquals(new Hop("gw-a", Optional.empty()), Hop.parse("gw-a#"));
  }

  @Test
  void aGatewayWithTheSameIdIsANamesakeUnlessItIsTheSameInstance() {
    Hop self = Hop.of("proxytftp-1", "k3vq7zma");
    assertTrue(Hop.of("proxytftp-1", "2xw4tq9p").namesakeOf(self));
    assertTrue(Hop.parse("proxytftp-1").namesakeOf(self));
    assertFalse(Hop.of("proxytftp-1", "k3vq7zma").namesakeOf(self));
    assertFalse(Hop.of("gw-b", "2xw4tq9p").namesakeOf(self));
  }

  @Test
  void readingIsBounded() {
    String tooLong = "g".repeat(64) + "#" + "t".repeat(17);
    String longest = "g".repeat(64) + "#" + "t".repeat(16);
    assertEquals(List.of(longest), Via.parse(tooLong + "," + longest + ",,"));
    assertEquals(16, Via.parse("gw,".repeat(40)).size());
    assertEquals(List.of(), Via.parse(null));
  }
}
