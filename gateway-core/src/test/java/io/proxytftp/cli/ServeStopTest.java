package io.proxytftp.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code serve} ends, as systemd and an operator see it: in a process of its own. */
class ServeStopTest {
  @TempDir Path directory;

  private Path config() throws Exception {
    return Files.writeString(directory.resolve("gateway.yaml"), """
        gateway:
          id: gw
          data-directory: data
        listeners:
          tftp: { enabled: false }
          http: { enabled: false }
          sftp: { enabled: false }
          admin: { enabled: false }
        """);
  }

  @Test
  void aStopOnSigtermThatCompletesExitsZero() throws Exception {
    try (ServeProcess serve = ServeProcess.start(config(), directory)) {
      await().atMost(Duration.ofSeconds(60)).until(() -> serve.out().contains("serving"));

      serve.terminate();

      assertEquals(0, serve.exitStatus(), serve::err);
      assertTrue(serve.err().contains("stopping (SIGTERM)") && serve.err().contains("stopped"), serve::err);
    }
  }

  @Test
  void anIdentityThatCannotBeReadStopsTheStartWithOneLineAndNoStackTrace() throws Exception {
    Path key = directory.resolve("data").resolve("identity").resolve("tftp-key.pem");
    Files.createDirectories(key); // where the key file should be
    Files.writeString(key.resolveSibling("tftp-cert.pem"), "");

    try (ServeProcess serve = ServeProcess.start(config(), directory)) {
      assertEquals(1, serve.exitStatus(), serve::err);

      String err = serve.err();
      assertTrue(err.contains("cannot read " + key + " (owner "), err);
      assertEquals(1, err.lines().filter(line -> line.contains("cannot read")).count(), err);
      assertFalse(err.contains("\tat ") || err.contains("Exception"), err);
      assertFalse(err.contains("stopping"), err);
    }
  }
}
