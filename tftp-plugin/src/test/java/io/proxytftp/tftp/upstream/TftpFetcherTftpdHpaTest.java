package io.proxytftp.tftp.upstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxytftp.upstream.FetchResult;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fetcher against tftpd-hpa, the server many clusters run: it grants blksize, tsize and timeout
 * but knows no windowsize, so the fetch runs in lock-step.
 */
class TftpFetcherTftpdHpaTest {
  private static final Path TFTPD = Path.of("/usr/sbin/in.tftpd");

  @TempDir static Path root;
  static Process tftpd;
  static InetSocketAddress server;
  static RunningFetcher fetcher;

  @BeforeAll
  static void start() throws Exception {
    assertTrue(Files.isExecutable(TFTPD), "tftpd-hpa is not installed: run interop/install-peers");
    int port = freeUdpPort();
    List<String> command = new ArrayList<>(List.of(TFTPD.toString(), "-L", "-a", "127.0.0.1:" + port, "-s", "-B", "1468"));
    if ("root".equals(System.getProperty("user.name"))) {
      command.addAll(List.of("-u", "root")); // otherwise it drops to 'tftp', which cannot read the temp dir
    }
    command.add(root.toString());
    tftpd = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(root.resolve("tftpd.log").toFile()).start();
    server = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    fetcher = RunningFetcher.withDefaults();
  }

  /** A port that was free a moment ago; tftpd-hpa binds it itself. */
  private static int freeUdpPort() throws SocketException {
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      return socket.getLocalPort();
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (fetcher != null) {
      fetcher.close();
    }
    if (tftpd != null) {
      tftpd.destroy();
      tftpd.waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void fetchesFileWithOptionsFromTftpdHpa() throws Exception {
    byte[] content = new byte[300_000];
    new Random(7).nextBytes(content);
    Files.write(root.resolve("SEP001122334455.cnf.xml"), content);
    CollectingSink sink = new CollectingSink();
    // tftpd-hpa may still be starting: the fetcher's retransmissions cover that.
    FetchResult result = fetcher.fetch("SEP001122334455.cnf.xml", server, sink).get(30, TimeUnit.SECONDS);
    assertEquals(new FetchResult.Fetched(content.length), result);
    assertEquals(OptionalLong.of(content.length), sink.announced());
    assertArrayEquals(content, sink.bytes());
  }

  @Test
  void missingFileOnTftpdHpaIsNotFound() throws Exception {
    FetchResult result = fetcher.fetch("missing.cnf.xml", server, new CollectingSink()).get(30, TimeUnit.SECONDS);
    assertTrue(result instanceof FetchResult.NotFound, result.toString());
  }
}
