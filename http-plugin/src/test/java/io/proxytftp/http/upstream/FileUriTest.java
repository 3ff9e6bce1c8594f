package io.proxytftp.http.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;

class FileUriTest {

  @Test
  void ipv4AddressAndPortMakeTheAuthority() {
    assertEquals(URI.create("http://10.0.0.10:6970/English_United_States/mk-sip.jar"),
        FileUri.of(new InetSocketAddress("10.0.0.10", 6970), "English_United_States/mk-sip.jar"));
  }

  @Test
  void ipv6AddressIsBracketed() {
    assertEquals(URI.create("http://[2001:db8:0:0:0:0:0:10]:6970/RingList.xml"),
        FileUri.of(new InetSocketAddress("2001:db8::10", 6970), "RingList.xml"));
  }

  @Test
  void everythingButUnreservedCharactersIsEncoded() {
    assertEquals("/a%20b/%25%3F%23%2B%3B%3D%26~-._.xml",
        FileUri.of(new InetSocketAddress("10.0.0.10", 6970), "a b/%?#+;=&~-._.xml").getRawPath());
  }
}
