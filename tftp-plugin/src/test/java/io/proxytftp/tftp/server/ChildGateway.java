package io.proxytftp.tftp.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real gateway ({@code proxytftp serve --config FILE}) in a JVM of its own, started with the
 * test class path, so that a test can {@code kill -9} it ({@link Process#destroyForcibly} is
 * SIGKILL on Linux) with writes in flight and look at what it left on disk, or run it beside a
 * gateway of the test's own process.
 */
final class ChildGateway implements AutoCloseable {
  private static final Pattern TFTP_LINE = Pattern.compile("^\\s+tftp\\s+tftp://([0-9.]+):(\\d+)\\s*$", Pattern.MULTILINE);

  private final Process process;
  private final Path output;

  private ChildGateway(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  /** Starts {@code serve --config config}; what it prints goes to {@code output}. */
  static ChildGateway start(Path config, Path output) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-cp", classPath,
        "io.proxytftp.cli.Main", "serve", "--config", config.toString());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    return new ChildGateway(process, output);
  }

  /** The TFTP listener's address once the gateway has printed it, or empty if it has not yet. */
  Optional<InetSocketAddress> tftpAddress() throws IOException {
    Matcher matcher = TFTP_LINE.matcher(Files.readString(output));
    if (!matcher.find()) {
      return Optional.empty();
    }
    return Optional.of(new InetSocketAddress(InetAddress.getByName(matcher.group(1)), Integer.parseInt(matcher.group(2))));
  }

  boolean isAlive() {
    return process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  /** The exit status, once the process has ended within {@code seconds}. */
  int exitStatus(int seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the child gateway still runs after " + seconds + " s");
    }
    return process.exitValue();
  }

  /** What it printed so far. */
  String output() throws IOException {
    return Files.readString(output);
  }

  /** SIGKILL, then waits until the process is gone, so its files are no longer touched. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the child gateway survived SIGKILL");
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
