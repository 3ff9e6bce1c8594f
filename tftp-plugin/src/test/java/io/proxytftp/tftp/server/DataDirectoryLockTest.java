package io.proxytftp.tftp.server;

import io.proxytftp.config.IdentitySource;
import io.proxytftp.plugin.StartException;
import io.proxytftp.testing.RunningGateway;
import io.proxytftp.testing.TestConfigs;
import io.proxytftp.testing.TestIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two gateway processes on one data directory: whichever starts second is refused, and told which
 * process holds the directory; once the holder is gone, the directory is free.
 */
class DataDirectoryLockTest {
  @TempDir Path directory;

  private Path data() {
    return directory.resolve("data");
  }

  private Path childConfig() throws IOException {
    IdentitySource.PemFiles identity = TestIdentity.shared();
    Path store = Files.createDirectories(directory.resolve("child-store"));
    return Files.writeString(directory.resolve("child.yaml"),
        "gateway: { id: child, data-directory: " + data() + ", local-store: " + store + " }\n"
            + "listeners:\n  tftp: { enabled: true, bind-address: 127.0.0.1, port: 0 }\n"
            + "  http: { enabled: false }\n  sftp: { enabled: false }\n  admin: { enabled: false }\n"
            + "identity: { certificate: " + identity.certificate() + ", private-key: " + identity.privateKey() + " }\n");
  }

  private RunningGateway startHere() throws Exception {
    Path folder = Files.createDirectories(directory.resolve("here"));
    return RunningGateway.start(TestConfigs.withDataDirectory(
        TestConfigs.gateway(folder, Files.createDirectories(folder.resolve("store"))), data()));
  }

  @Test
  void aGatewayIsRefusedTheDataDirectoryAnotherProcessHoldsAndToldItsPid() throws Exception {
    try (ChildGateway child = ChildGateway.start(childConfig(), directory.resolve("child.log"))) {
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
          .until(() -> child.tftpAddress().isPresent() || !child.isAlive());
      assertTrue(child.isAlive(), child.output());

      StartException refused = assertThrows(StartException.class, () -> startHere().close());

      assertTrue(refused.getMessage().contains("is in use by another gateway (pid " + child.pid() + ", started "),
          refused.getMessage());
      assertTrue(refused.getMessage().contains("gateway child)"), refused.getMessage());
      child.kill();
    }
    startHere().close();
  }

  @Test
  void aSecondGatewayProcessExitsOneWithOneLineNamingTheHolder() throws Exception {
    try (RunningGateway here = startHere()) {
      try (ChildGateway child = ChildGateway.start(childConfig(), directory.resolve("child.log"))) {
        assertEquals(1, child.exitStatus(30), child.output());
        String output = child.output();
        assertTrue(output.contains("the data directory " + data().toRealPath() + " is in use by another gateway (pid "
            + ProcessHandle.current().pid() + ", started "), output);
        assertFalse(output.contains("Exception"), output);
      }
    }
  }
}
