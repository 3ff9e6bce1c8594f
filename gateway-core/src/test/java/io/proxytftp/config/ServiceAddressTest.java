package io.proxytftp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServiceAddressTest {
  @Test
  void ipv4LiteralIsAnAddress() throws Exception {
    assertEquals(Optional.of(InetAddress.getByName("10.0.0.10")), new ServiceAddress("10.0.0.10", 69).literal());
  }

  @Test
  void ipv6LiteralIsAnAddress() throws Exception {
    assertEquals(Optional.of(InetAddress.getByName("2001:db8::1")), new ServiceAddress("2001:db8::1", 69).literal());
  }

  @Test
  void hostNameIsNoLiteral() {
    assertTrue(new ServiceAddress("cucm-a.example.com", 69).literal().isEmpty());
  }
}
