package io.proxytftp.sftp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxytftp.config.GatewayConfig;
import io.proxytftp.config.ListenerSettings;
import io.proxytftp.config.Listeners;
import io.proxytftp.config.SftpSettings;
import io.proxytftp.plugin.StartException;
import io.proxytftp.testing.RunningGateway;
import io.proxytftp.testing.TestConfigs;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SftpLifecycleTest {
  @TempDir Path directory;
  SftpFixture fixture;

  @BeforeEach
  void setUp() throws Exception {
    fixture = new SftpFixture(directory);
  }

  @AfterEach
  void tearDown() throws Exception {
    fixture.close();
  }

  private PublicKey hostKey() throws Exception {
    try (ClientSession session = fixture.session(SftpFixture.USER)) {
      session.addPasswordIdentity(SftpFixture.PASSWORD);
      session.auth().verify(SftpFixture.TIMEOUT);
      return session.getServerKey();
    }
  }

  @Test
  void theHostKeyIsKeptOwnerOnlyAcrossRestarts() throws Exception {
    fixture.start(fixture.config());
    PublicKey first = hostKey();
    fixture.gateway.close();
    fixture.start(fixture.config());
    assertTrue(KeyUtils.compareKeys(first, hostKey()));
    Path folder = directory.resolve("data").resolve(SftpServer.FOLDER);
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
    assertEquals("rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve(SftpServer.HOST_KEY))));
  }

  @Test
  void withoutUsersTheServerDoesNotStart() throws Exception {
    try (RunningGateway gateway = fixture.start(TestConfigs.withSftp(fixture.config(), SftpSettings.none()))) {
      assertThrows(IllegalStateException.class, () -> gateway.address("sftp"));
      assertEquals("none", gateway.instance(SftpServer.class).transport());
    }
  }

  @Test
  void anSftpPortInUseIsNamedInOneLine() throws Exception {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (ServerSocket taken = new ServerSocket(0, 1, loopback)) {
      GatewayConfig defaults = fixture.config();
      Listeners listeners = defaults.listeners();
      GatewayConfig config = TestConfigs.withListeners(defaults, new Listeners(listeners.tftp(), listeners.http(),
          new ListenerSettings(true, loopback, taken.getLocalPort()), listeners.admin()));

      StartException e = assertThrows(StartException.class, () -> fixture.start(config));

      assertEquals("sftp cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": address already in use", e.getMessage());
    }
  }
}
