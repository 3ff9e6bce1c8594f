package io.proxytftp.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxytftp.config.GatewayConfig;
import io.proxytftp.config.ListenerSettings;
import io.proxytftp.config.Listeners;
import io.proxytftp.http.server.HttpServer;
import io.proxytftp.plugin.StartException;
import io.proxytftp.testing.TestConfigs;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code listeners.http} and {@code listeners.admin} each open only when enabled. */
class ListenerSwitchesTest {
  @TempDir Path directory;

  private static GatewayConfig withListeners(GatewayConfig config, ListenerSettings http, ListenerSettings admin) {
    Listeners listeners = config.listeners();
    return TestConfigs.withListeners(config, new Listeners(listeners.tftp(), http, listeners.sftp(), admin));
  }

  /** A port that was free a moment ago, so a test can tell whether anything listens on it. */
  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test
  void aDisabledPhonesListenerOpensNoPortWhileAdminServes() throws Exception {
    int port = freePort();
    ListenerSettings off = new ListenerSettings(false, InetAddress.getLoopbackAddress(), port);
    ListenerSettings on = new ListenerSettings(true, InetAddress.getLoopbackAddress(), 0);
    try (HttpGateway http = HttpGateway.start(directory, config -> withListeners(config, off, on))) {
      assertThrows(IllegalStateException.class, () -> http.gateway().address("http"));
      try (Socket socket = new Socket()) {
        assertThrows(ConnectException.class,
            () -> socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000));
      }
      assertEquals(200, http.getText(http.admin("/health")).statusCode());
    }
  }

  @Test
  void aDisabledAdminListenerLeavesThePhonesServed() throws Exception {
    ListenerSettings on = new ListenerSettings(true, InetAddress.getLoopbackAddress(), 0);
    ListenerSettings off = new ListenerSettings(false, InetAddress.getLoopbackAddress(), 0);
    try (HttpGateway http = HttpGateway.start(directory, config -> withListeners(config, on, off))) {
      http.write("RingList.xml", 10);
      assertThrows(IllegalStateException.class, () -> http.gateway().address("admin"));
      assertEquals(200, http.get(http.phones("/RingList.xml")).statusCode());
    }
  }

  @Test
  void withBothDisabledTheServerStartsNothing() throws Exception {
    ListenerSettings off = new ListenerSettings(false, InetAddress.getLoopbackAddress(), 0);
    try (HttpGateway http = HttpGateway.start(directory, config -> withListeners(config, off, off))) {
      assertTrue(http.gateway().instance(HttpServer.class).endpoints().isEmpty());
    }
  }

  @Test
  void aPhonesPortInUseIsNamedInOneLine() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      ListenerSettings http = new ListenerSettings(true, InetAddress.getLoopbackAddress(), taken.getLocalPort());
      ListenerSettings admin = new ListenerSettings(true, InetAddress.getLoopbackAddress(), 0);

      StartException e = assertThrows(StartException.class,
          () -> HttpGateway.start(directory, config -> withListeners(config, http, admin)));

      assertEquals("http cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": address already in use", e.getMessage());
    }
  }

  @Test
  void anAdminPortInUseIsNamedAndThePhonesPortIsLetGo() throws Exception {
    int phonesPort = freePort();
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      ListenerSettings http = new ListenerSettings(true, InetAddress.getLoopbackAddress(), phonesPort);
      ListenerSettings admin = new ListenerSettings(true, InetAddress.getLoopbackAddress(), taken.getLocalPort());

      StartException e = assertThrows(StartException.class,
          () -> HttpGateway.start(directory, config -> withListeners(config, http, admin)));

      assertEquals("admin cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": address already in use", e.getMessage());
    }
    try (ServerSocket again = new ServerSocket(phonesPort, 1, InetAddress.getLoopbackAddress())) {
      assertEquals(phonesPort, again.getLocalPort());
    }
  }
}
