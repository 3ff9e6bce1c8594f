package io.proxytftp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandLineTest {
  @TempDir Path directory;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Test
  void checkConfigAcceptsValidFileWithExitZero() throws Exception {
    Path file = Files.writeString(directory.resolve("gateway.yaml"), "gateway:\n  id: gw\n  data-directory: data\n");
    assertEquals(0, run("check-config", file.toString()));
    assertTrue(out.toString().contains("valid"), out.toString());
  }

  @Test
  void checkConfigPrintsEveryProblemWithLocationAndExitsOne() throws Exception {
    Path file = Files.writeString(directory.resolve("bad.yaml"),
        "gateway:\n  id: gw\n  data-directory: data\nlisteners:\n  tftp:\n    port: 70000\n  ftp: {}\n");
    assertEquals(1, run("check-config", file.toString()));
    String errors = err.toString();
    assertTrue(errors.contains("bad.yaml:6:") && errors.contains("listeners.tftp.port"), errors);
    assertTrue(errors.contains("bad.yaml:7:") && errors.contains("ftp"), errors);
  }

  @Test
  void checkConfigOfMissingFileExitsOne() {
    assertEquals(1, run("check-config", directory.resolve("none.yaml").toString()));
    assertTrue(err.toString().contains("none.yaml"), err.toString());
  }

  @Test
  void versionAndHelpExitZero() {
    assertEquals(0, run("--version"));
    assertTrue(out.toString().startsWith("proxytftp "), out.toString());
    assertEquals(0, run("--help"));
    assertTrue(out.toString().contains("serve") && out.toString().contains("check-config"), out.toString());
  }

  @Test
  void noCommandIsAUsageError() {
    assertEquals(2, run());
    assertTrue(err.toString().contains("a command is required"), err.toString());
  }

  @Test
  void serveWithInvalidConfigExitsOneWithoutStarting() throws Exception {
    Path file = Files.writeString(directory.resolve("bad.yaml"), "gateway: {}\n");
    assertEquals(1, run("serve", "--config", file.toString()));
    assertTrue(err.toString().contains("gateway"), err.toString());
  }
}
