package io.proxytftp.tftp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.proxytftp.config.GatewayConfig;
import io.proxytftp.config.ListenerSettings;
import io.proxytftp.config.Listeners;
import io.proxytftp.plugin.StartException;
import io.proxytftp.testing.RunningGateway;
import io.proxytftp.testing.TestConfigs;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the operator is told when the TFTP listener cannot open its port. */
class TftpListenerStartTest {
  @TempDir Path directory;

  @Test
  void aTftpPortInUseIsNamedInOneLine() throws Exception {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
      GatewayConfig defaults = TestConfigs.gateway(directory, Files.createDirectories(directory.resolve("store")),
          loopback, TestConfigs.limits());
      Listeners listeners = defaults.listeners();
      GatewayConfig config = TestConfigs.withListeners(defaults, new Listeners(
          new ListenerSettings(true, loopback, taken.getLocalPort()), listeners.http(), listeners.sftp(), listeners.admin()));

      StartException e = assertThrows(StartException.class, () -> RunningGateway.start(config).close());

      assertEquals("tftp cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": address already in use", e.getMessage());
    }
  }
}
