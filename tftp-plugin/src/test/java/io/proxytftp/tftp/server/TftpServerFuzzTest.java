package io.proxytftp.tftp.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.proxytftp.testing.CapturedLogs;
import io.proxytftp.tftp.codec.DataPacket;
import io.proxytftp.tftp.codec.DatagramFuzzer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.net.tftp.TFTP;
import org.apache.commons.net.tftp.TFTPClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Throws hostile datagrams ({@link DatagramFuzzer}) at a running server: at its listener from
 * several source ports, and at the ports of live transfers both from the transfer's own client
 * (the right TID) and from strangers. Afterwards no exception reached the I/O handler
 * ({@code tftp.io.errors}; the one MINA 2.2.5 flush error it used to find is fixed by
 * {@code MarkedWrites}), nothing was
 * logged at WARN or above, every transfer has ended, the server's threads and the process's open
 * file descriptors are back to their baseline, and a real client downloads a file byte-identical.
 *
 * <p>{@code -Dfuzz.datagrams=N} (20,000 by default, a million in {@code interop/fuzz-soak}) and
 * {@code -Dfuzz.seed=N} (printed by every run) size and reproduce a run.
 */
class TftpServerFuzzTest {
  static final int DATAGRAMS = Integer.getInteger("fuzz.datagrams", 20_000);
  /** Live transfers under attack at any time, each restarted once it has ended. */
  static final int VICTIMS = 4;
  /** Threads of bounded pools that start on demand and time out later, and the test's own; the rest must come back. */
  static final List<String> ON_DEMAND_POOLS = List.of("worker-", "ForkJoinPool", "Attach Listener", "awaitility");

  @TempDir Path directory;
  StoreGateway gateway;
  MeterRegistry meters;
  byte[] firmware;
  CapturedLogs logs;

  @BeforeEach
  void start() throws Exception {
    gateway = StoreGateway.start(directory);
    meters = gateway.gateway().instance(MeterRegistry.class);
    firmware = TftpTestFiles.write(gateway.store(), "P0030801SR02.loads", 300_000);
    TftpTestFiles.write(gateway.store(), "SEP001122334455.cnf.xml", 700);
    logs = CapturedLogs.atLevel(Level.WARN);
  }

  @AfterEach
  void stop() {
    logs.close();
    gateway.close();
  }

  @Test
  void hostileDatagramsLeaveNoErrorNoLeakAndTheServerServesAfterwards() throws Exception {
    long seed = Long.getLong("fuzz.seed", System.nanoTime());
    System.out.println("TftpServerFuzzTest seed=" + seed + " datagrams=" + DATAGRAMS);
    assertArrayEquals(firmware, download("P0030801SR02.loads")); // warm up before the baseline
    List<String> threads = serverThreads();
    long descriptors = openDescriptors();
    double errorsBefore = errorsSent();

    DatagramFuzzer fuzzer = new DatagramFuzzer(seed, List.of("P0030801SR02.loads", "SEP001122334455.cnf.xml",
        "missing.xml", "../secret", "/P0030801SR02.loads"));
    long started = System.nanoTime();
    int toTransfers = attack(fuzzer);
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    TftpServer server = gateway.gateway().instance(TftpServer.class);
    Awaitility.await("every transfer has ended").atMost(Duration.ofSeconds(20))
        .until(() -> server.activeTransfers() == 0);
    Awaitility.await("threads back to baseline").atMost(Duration.ofSeconds(10)).untilAsserted(
        () -> assertTrue(serverThreads().size() <= threads.size(), () -> serverThreads() + " were " + threads));
    Awaitility.await("descriptors back to " + descriptors).atMost(Duration.ofSeconds(10))
        .until(() -> openDescriptors() <= descriptors);
    System.out.printf("TftpServerFuzzTest sent=%d (to live transfers %d) in %d ms; errors sent %.0f; transfers started"
        + " %.0f, completed %.0f, failed %.0f; made %s%n", DATAGRAMS, toTransfers, took.toMillis(),
        errorsSent() - errorsBefore, count("tftp.transfers.started"), count("tftp.transfers.completed"),
        count("tftp.transfers.failed"), fuzzer.made());

    assertEquals(List.of(), logs.warnings(), "seed " + seed);
    assertEquals(0.0, count("tftp.io.errors"), "exceptions that reached the I/O handler; seed " + seed);
    assertArrayEquals(firmware, download("P0030801SR02.loads"));
  }

  /** Sends the datagrams; returns how many went to live transfers' ports. */
  private int attack(DatagramFuzzer fuzzer) throws IOException {
    List<RawTftpClient> victims = new ArrayList<>();
    List<DatagramSocket> strangers = new ArrayList<>();
    int toTransfers = 0;
    try {
      for (int i = 0; i < 4; i++) {
        DatagramSocket stranger = new DatagramSocket(new InetSocketAddress(gateway.tftp().getAddress(), 0));
        stranger.setSoTimeout(1);
        strangers.add(stranger);
      }
      for (int i = 0; i < DATAGRAMS; i++) {
        if (i % 500 == 0) {
          renewVictims(victims);
        }
        DatagramSocket stranger = strangers.get(fuzzer.random().nextInt(strangers.size()));
        int target = fuzzer.random().nextInt(10);
        Optional<RawTftpClient> victim = victims.stream().skip(fuzzer.random().nextInt(VICTIMS)).findFirst()
            .filter(client -> client.peer() != null);
        if (target < 2 && victim.isPresent()) {
          byte[] datagram = fuzzer.forTransfer();
          if (target == 0) {
            victim.get().send(ByteBuffer.wrap(datagram), victim.get().peer());
          } else {
            stranger.send(new DatagramPacket(datagram, datagram.length, victim.get().peer()));
          }
          toTransfers++;
        } else {
          byte[] datagram = fuzzer.next();
          stranger.send(new DatagramPacket(datagram, datagram.length, gateway.tftp()));
        }
        if (i % 64 == 0) {
          drain(stranger); // keeps the answers flowing, and paces the sender a little
        }
      }
    } finally {
      victims.forEach(RawTftpClient::close);
      strangers.forEach(DatagramSocket::close);
    }
    return toTransfers;
  }

  /** Replaces the victims with fresh transfers of the large file, each waiting at its first block. */
  private void renewVictims(List<RawTftpClient> victims) throws IOException {
    victims.forEach(RawTftpClient::close);
    victims.clear();
    for (int i = 0; i < VICTIMS; i++) {
      RawTftpClient victim = new RawTftpClient(gateway.tftp());
      victim.readRequest("P0030801SR02.loads");
      victims.add(victim);
    }
    for (RawTftpClient victim : victims) {
      victim.poll(Duration.ofMillis(500)).filter(first -> first.packet() instanceof DataPacket);
    }
  }

  private static void drain(DatagramSocket socket) throws IOException {
    byte[] buffer = new byte[65_536];
    try {
      while (true) {
        socket.receive(new DatagramPacket(buffer, buffer.length));
      }
    } catch (java.net.SocketTimeoutException empty) {
      // nothing more waiting
    }
  }

  private byte[] download(String name) throws IOException {
    TFTPClient client = new TFTPClient();
    client.open();
    try {
      client.setSoTimeout(Duration.ofSeconds(2));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      client.receiveFile(name, TFTP.BINARY_MODE, out, gateway.tftp().getAddress(), gateway.tftp().getPort());
      return out.toByteArray();
    } finally {
      client.close();
    }
  }

  private double count(String counter) {
    return meters.counter(counter).count();
  }

  private double errorsSent() {
    return Search.in(meters).name("tftp.errors.sent").counters().stream().mapToDouble(c -> c.count()).sum();
  }

  private static List<String> serverThreads() {
    return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
        .filter(name -> ON_DEMAND_POOLS.stream().noneMatch(name::startsWith)).sorted().toList();
  }

  private static long openDescriptors() throws IOException {
    try (Stream<Path> open = Files.list(Path.of("/proc/self/fd"))) {
      return open.count();
    }
  }
}
