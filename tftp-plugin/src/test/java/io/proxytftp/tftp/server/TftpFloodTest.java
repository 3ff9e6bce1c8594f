package io.proxytftp.tftp.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.UnixOperatingSystemMXBean;
import io.micrometer.core.instrument.MeterRegistry;
import io.proxytftp.config.Limits;
import io.proxytftp.testing.RunningGateway;
import io.proxytftp.testing.TestConfigs;
import io.proxytftp.tftp.codec.DataPacket;
import io.proxytftp.tftp.codec.ErrorPacket;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.net.tftp.TFTP;
import org.apache.commons.net.tftp.TFTPClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RRQ floods that never acknowledge, from one address and from 199 (every 127.x.y.z is local on
 * Linux), for existing and missing files: the server never holds more transfers than its limits,
 * each held transfer ends when its retransmissions run out, a phone on another address keeps
 * getting its file, and heap, threads and descriptors come back to where they were.
 */
class TftpFloodTest {
  private static final int MAX_TRANSFERS = 64;
  private static final int MAX_PER_CLIENT = 4;
  private static final int FLOOD_ADDRESSES = 199;
  private static final int REQUESTS_PER_ADDRESS = 6;

  @TempDir Path directory;
  RunningGateway gateway;
  InetSocketAddress server;
  byte[] big;
  final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
  final List<RawTftpClient> flood = new ArrayList<>();

  @AfterEach
  void stop() {
    sampler.shutdownNow();
    flood.forEach(RawTftpClient::close);
    if (gateway != null) {
      gateway.close();
    }
  }

  private void start(int maxTransfers) throws Exception {
    Path store = Files.createDirectories(directory.resolve("store"));
    big = TftpTestFiles.write(store, "big.bin", 300_000);
    Limits defaults = TestConfigs.limits();
    Limits limits = new Limits(maxTransfers, MAX_PER_CLIENT, defaults.maxBlockSize(), defaults.maxWindowSize(),
        Duration.ofMillis(200), defaults.maxClientTimeout(), 3, Duration.ofSeconds(1));
    gateway = RunningGateway.start(TestConfigs.gateway(directory, store, InetAddress.getLoopbackAddress(), limits));
    server = gateway.address("tftp");
  }

  private double active() {
    return gateway.instance(MeterRegistry.class).get("tftp.transfers.active").gauge().value();
  }

  /** Sends one never-acknowledged RRQ per client, half for the big file, half for a missing one. */
  private List<RawTftpClient> flood(InetAddress from, int requests) throws Exception {
    List<RawTftpClient> clients = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      RawTftpClient client = new RawTftpClient(server, from);
      flood.add(client);
      clients.add(client);
      client.readRequest(i % 2 == 0 ? "big.bin" : "missing-" + i + ".bin");
    }
    return clients;
  }

  @Test
  void floodNeverHoldsMoreThanTheLimitsAndEveryHeldTransferEndsWithItsRetransmissions() throws Exception {
    start(MAX_TRANSFERS);
    AtomicInteger highest = new AtomicInteger();
    sampler.scheduleAtFixedRate(() -> highest.accumulateAndGet((int) active(), Math::max), 0, 5, TimeUnit.MILLISECONDS);
    List<RawTftpClient> oneAddress = flood(InetAddress.getLoopbackAddress(), 100);
    Map<InetAddress, List<RawTftpClient>> manyAddresses = new HashMap<>();
    for (int host = 2; host < 2 + FLOOD_ADDRESSES; host++) {
      InetAddress address = InetAddress.getByName("127.0.0." + host);
      manyAddresses.put(address, flood(address, REQUESTS_PER_ADDRESS));
    }
    assertTrue(dataAnswers(oneAddress) <= MAX_PER_CLIENT, "one address got more transfers than its limit");
    int granted = 0;
    for (List<RawTftpClient> clients : manyAddresses.values()) {
      int fromAddress = dataAnswers(clients);
      assertTrue(fromAddress <= MAX_PER_CLIENT, "an address got more transfers than its limit: " + fromAddress);
      granted += fromAddress;
    }
    assertTrue(granted > 0, "no flood request was served");
    // 200 ms timeout, 3 retransmissions: every held transfer gives up within about a second.
    await().atMost(Duration.ofSeconds(10)).until(() -> active() == 0);
    sampler.shutdownNow();
    assertTrue(highest.get() <= MAX_TRANSFERS, "transfers held at once: " + highest.get());
    assertTrue(highest.get() >= MAX_TRANSFERS / 2, "the flood never filled the server: " + highest.get());
    MeterRegistry meters = gateway.instance(MeterRegistry.class);
    double started = meters.counter("tftp.transfers.started").count();
    assertTrue(meters.counter("tftp.retransmissions").count() <= started * 3, "retransmissions beyond the limit");
    System.gc(); // the gauge must survive a collection (it read NaN once its supplier was collected)
    assertEquals(0.0, active());
    assertArrayEquals(big, download(InetAddress.getLoopbackAddress()));
  }

  @Test
  void phoneOnAnotherAddressIsServedDuringAFloodAndResourcesComeBack() throws Exception {
    start(4096);
    // A first flood grows the transfer port pool, which keeps its ports for the next (by design,
    // bounded by limits.max-transfers); the second must then leave nothing behind.
    servedDuringFlood(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> active() == 0);
    long heapBefore = heapAfterGc();
    int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
    long descriptorsBefore = descriptors();
    int floodRequests = servedDuringFlood(5);
    assertTrue(floodRequests >= 10 * FLOOD_ADDRESSES, "flood too small: " + floodRequests);
    await().atMost(Duration.ofSeconds(10)).until(() -> active() == 0);
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      assertTrue(heapAfterGc() < heapBefore + (32L << 20), "heap grew from " + heapBefore);
      assertTrue(ManagementFactory.getThreadMXBean().getThreadCount() <= threadsBefore + 2, "threads grew");
      assertTrue(descriptors() <= descriptorsBefore + 64, "descriptors grew from " + descriptorsBefore + " to " + descriptors());
    });
  }

  /**
   * Floods from 199 addresses (every 100 ms one never-acknowledged RRQ from each, about 2000 a
   * second) while a phone on 127.0.0.1 downloads the big file, each time byte for byte within 10 s,
   * at least {@code downloads} times and for at least ten waves; returns the flood's request count.
   */
  private int servedDuringFlood(int downloads) throws Exception {
    AtomicInteger floodRequests = new AtomicInteger();
    ScheduledExecutorService attacker = Executors.newSingleThreadScheduledExecutor();
    List<RawTftpClient> wave = new ArrayList<>();
    attacker.scheduleAtFixedRate(() -> {
      try {
        wave.forEach(RawTftpClient::close);
        wave.clear();
        for (int host = 2; host < 2 + FLOOD_ADDRESSES; host++) {
          RawTftpClient client = new RawTftpClient(server, InetAddress.getByName("127.0.0." + host));
          wave.add(client);
          client.readRequest(host % 2 == 0 ? "big.bin" : "missing-" + host + ".bin");
        }
        floodRequests.addAndGet(FLOOD_ADDRESSES);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, 0, 100, TimeUnit.MILLISECONDS);
    try {
      for (int i = 0; i < downloads || floodRequests.get() < 10 * FLOOD_ADDRESSES; i++) {
        long begun = System.nanoTime();
        assertArrayEquals(big, download(InetAddress.getLoopbackAddress()));
        assertTrue(System.nanoTime() - begun < TimeUnit.SECONDS.toNanos(10), "download " + i + " took too long");
      }
    } finally {
      attacker.shutdown();
      assertTrue(attacker.awaitTermination(10, TimeUnit.SECONDS));
      wave.forEach(RawTftpClient::close);
    }
    return floodRequests.get();
  }

  /** How many of the flood's clients got a transfer (a DATA), the others an ERROR. */
  private static int dataAnswers(List<RawTftpClient> clients) throws Exception {
    int data = 0;
    for (RawTftpClient client : clients) {
      Object first = client.receive().packet();
      assertTrue(first instanceof DataPacket || first instanceof ErrorPacket, "unexpected " + first);
      data += first instanceof DataPacket ? 1 : 0;
    }
    return data;
  }

  private byte[] download(InetAddress from) throws Exception {
    TFTPClient client = new TFTPClient();
    client.open(0, from);
    try {
      client.setSoTimeout(Duration.ofSeconds(1));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      client.receiveFile("big.bin", TFTP.BINARY_MODE, out, server.getAddress(), server.getPort());
      return out.toByteArray();
    } finally {
      client.close();
    }
  }

  private static long heapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long descriptors() {
    return ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getOpenFileDescriptorCount();
  }
}
