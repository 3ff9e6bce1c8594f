package io.proxytftp.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class JdkHostResolverTest {
  final HostResolver resolver = new JdkHostResolver();

  @Test
  void literalResolvesToItself() throws Exception {
    assertEquals(List.of(InetAddress.getByName("192.0.2.1")), resolver.lookup("192.0.2.1"));
  }

  @Test
  void localhostHasAnAddress() throws Exception {
    assertFalse(resolver.lookup("localhost").isEmpty());
  }
}
