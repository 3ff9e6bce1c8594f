package io.proxytftp.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real tftpd-hpa, the server many clusters run, started for a test on a loopback port and serving
 * a folder. {@code interop/install-peers} installs it.
 */
public final class TftpdHpa implements AutoCloseable {
  private static final Path TFTPD = Path.of("/usr/sbin/in.tftpd");

  private final Process process;
  private final InetSocketAddress address;

  private TftpdHpa(Process process, InetSocketAddress address) {
    this.process = process;
    this.address = address;
  }

  /** Starts tftpd-hpa on a free loopback port, serving {@code root}; its log goes beside it. */
  public static TftpdHpa start(Path root) throws IOException {
    assertTrue(Files.isExecutable(TFTPD), "tftpd-hpa is not installed: run interop/install-peers");
    int port = freeUdpPort();
    List<String> command = new ArrayList<>(List.of(TFTPD.toString(), "-L", "-a", "127.0.0.1:" + port, "-s", "-B", "1468"));
    if ("root".equals(System.getProperty("user.name"))) {
      command.addAll(List.of("-u", "root")); // otherwise it drops to 'tftp', which cannot read the folder
    }
    command.add(root.toString());
    Path log = root.resolveSibling(root.getFileName() + "-tftpd.log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new TftpdHpa(process, new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
  }

  /** A port that was free a moment ago; tftpd-hpa binds it itself. */
  private static int freeUdpPort() throws IOException {
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      return socket.getLocalPort();
    }
  }

  public InetSocketAddress address() {
    return address;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor(5, TimeUnit.SECONDS);
  }
}
