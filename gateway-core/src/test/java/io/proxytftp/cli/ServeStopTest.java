package io.proxytftp.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code serve} ends when the system stops it, as systemd and Ctrl-C do: in a process of its own. */
class ServeStopTest {
  @TempDir Path directory;

  @Test
  void aStopOnSigtermThatCompletesExitsZero() throws Exception {
    Path config = Files.writeString(directory.resolve("gateway.yaml"), """
        gateway:
          id: gw
          data-directory: data
        listeners:
          tftp: { enabled: false }
          http: { enabled: false }
          sftp: { enabled: false }
          admin: { enabled: false }
        """);
    Path out = directory.resolve("out.log");
    Path err = directory.resolve("err.log");
    Process serve = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "-Dlogback.configurationFile=logback.xml", // the gateway's own logging, not the tests' quiet one
        Main.class.getName(), "serve", "--config", config.toString()))
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> read(out).contains("serving"));

      serve.destroy(); // SIGTERM

      assertTrue(serve.waitFor(60, TimeUnit.SECONDS), "serve did not stop");
      assertEquals(0, serve.exitValue(), () -> "exit " + serve.exitValue() + ":\n" + read(err));
      assertTrue(read(err).contains("stopping (SIGTERM)") && read(err).contains("stopped"), () -> read(err));
    } finally {
      serve.destroyForcibly();
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return e.toString();
    }
  }
}
