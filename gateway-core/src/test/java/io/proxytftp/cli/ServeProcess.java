package io.proxytftp.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code proxytftp serve --config FILE} in a JVM of its own, on the test class path with the
 * gateway's own logging: what the process prints and how it ends are what an operator sees.
 */
final class ServeProcess implements AutoCloseable {
  private final Process process;
  private final Path out;
  private final Path err;

  private ServeProcess(Process process, Path out, Path err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  /** Starts serving {@code config}; standard output and error go to files in {@code directory}. */
  static ServeProcess start(Path config, Path directory) throws IOException {
    Path out = directory.resolve("serve.out");
    Path err = directory.resolve("serve.err");
    Process process = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "-Dlogback.configurationFile=logback.xml", // the gateway's own logging, not the tests' quiet one
        Main.class.getName(), "serve", "--config", config.toString()))
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    return new ServeProcess(process, out, err);
  }

  /** SIGTERM, as systemd and {@code kill} send it. */
  void terminate() {
    process.destroy();
  }

  /** The exit status, once the process has ended within a minute. */
  int exitStatus() throws InterruptedException {
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      throw new AssertionError("serve did not end within 60 s:\n" + err());
    }
    return process.exitValue();
  }

  String out() {
    return read(out);
  }

  String err() {
    return read(err);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return e.toString();
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
