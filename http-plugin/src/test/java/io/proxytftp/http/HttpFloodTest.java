package io.proxytftp.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.UnixOperatingSystemMXBean;
import io.micrometer.core.instrument.MeterRegistry;
import io.proxytftp.testing.TestConfigs;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connection flood on the phones' HTTP listener from 199 addresses (every 127.x.y.z is local on
 * Linux): two idle connections and one slowloris connection per address, reopened as soon as the
 * server closes them, and one address trying ten at once. The server never holds more connections
 * than {@code limits.max-transfers}, a phone on 127.0.0.1 keeps getting its file byte for byte and
 * the admin listener keeps answering, and afterwards connections, heap, threads and descriptors
 * come back to where they were.
 */
class HttpFloodTest {
  private static final int MAX_CONNECTIONS = 64;
  private static final int FLOOD_ADDRESSES = 199;
  private static final int GREEDY_CONNECTIONS = 10;
  private static final Duration HEAD_TIMEOUT = HttpConnectionLimitsTest.HEAD_TIMEOUT;
  /** The longest a phone's download or an admin request may take during the flood. */
  private static final Duration SERVED_WITHIN = Duration.ofSeconds(10);

  @TempDir Path directory;
  HttpGateway http;
  byte[] big;
  final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
  final ExecutorService clientThreads = Executors.newFixedThreadPool(2);
  /** A phone's client with few, fixed threads, so that the thread count says what the server does. */
  final HttpClient phone = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(SERVED_WITHIN)
      .executor(clientThreads)
      .build();

  @AfterEach
  void stop() {
    sampler.shutdownNow();
    clientThreads.shutdownNow();
    if (http != null) {
      http.close();
    }
  }

  private double open() {
    return meters().get("http.connections.open").tag("connector", "phones").gauge().value();
  }

  private MeterRegistry meters() {
    return http.gateway().instance(MeterRegistry.class);
  }

  @Test
  void floodStaysWithinTheConnectionLimitWhileAPhoneAndTheAdminAreServedAndResourcesComeBack() throws Exception {
    http = HttpGateway.start(directory, config -> TestConfigs.withLimits(config,
        HttpConnectionLimitsTest.limits(MAX_CONNECTIONS, HttpConnectionLimitsTest.PER_ADDRESS, HEAD_TIMEOUT)));
    big = http.write("big.bin", 1 << 20);
    assertArrayEquals(big, download());
    AtomicInteger highest = new AtomicInteger();
    sampler.scheduleAtFixedRate(() -> highest.accumulateAndGet((int) open(), Math::max), 0, 5, TimeUnit.MILLISECONDS);
    // A first flood grows Jetty's thread pool, which keeps idle threads for a minute; the second
    // must then leave nothing behind.
    servedDuringFlood();
    await().atMost(Duration.ofSeconds(10)).until(() -> open() == 0);
    long heapBefore = heapAfterGc();
    int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
    long descriptorsBefore = descriptors();
    double headTimeoutsBefore = HttpConnectionLimitsTest.refused(http, "request-head-timeout");
    double perAddressBefore = HttpConnectionLimitsTest.refused(http, "per-address-limit");

    int opened = servedDuringFlood();

    assertTrue(highest.get() <= MAX_CONNECTIONS, "connections held at once: " + highest.get());
    assertTrue(highest.get() >= MAX_CONNECTIONS - 4, "the flood never filled the server: " + highest.get());
    double headTimeouts = HttpConnectionLimitsTest.refused(http, "request-head-timeout") - headTimeoutsBefore;
    double perAddress = HttpConnectionLimitsTest.refused(http, "per-address-limit") - perAddressBefore;
    System.out.printf("flood: %d connections opened, %d held at most, %.0f closed without a request head,"
        + " %.0f refused past the per-address cap%n", opened, highest.get(), headTimeouts, perAddress);
    assertTrue(opened >= 4 * FLOOD_ADDRESSES, "flood too small: " + opened);
    assertTrue(headTimeouts >= MAX_CONNECTIONS, "idle and slow connections were not closed: " + headTimeouts);
    assertTrue(perAddress >= 1, "the greedy address was never refused");
    await().atMost(Duration.ofSeconds(10)).until(() -> open() == 0);
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      assertTrue(heapAfterGc() < heapBefore + (32L << 20), "heap grew from " + heapBefore);
      assertTrue(ManagementFactory.getThreadMXBean().getThreadCount() <= threadsBefore + 2, "threads grew");
      assertTrue(descriptors() <= descriptorsBefore + 16,
          "descriptors grew from " + descriptorsBefore + " to " + descriptors());
    });
  }

  /**
   * Floods for at least four head timeouts while the phone downloads the big file and the admin
   * listener answers {@code /health}, each within {@link #SERVED_WITHIN}; returns the connections
   * the flood opened.
   */
  private int servedDuringFlood() throws Exception {
    InetSocketAddress phones = http.gateway().address("http");
    HeldConnections flood = new HeldConnections(phones);
    for (int host = 2; host < 2 + FLOOD_ADDRESSES; host++) {
      InetAddress address = InetAddress.getByName("127.0.0." + host);
      flood.add(address, false);
      flood.add(address, false);
      flood.add(address, true);
    }
    InetAddress greedy = InetAddress.getByName("127.0.0." + (2 + FLOOD_ADDRESSES));
    for (int i = 0; i < GREEDY_CONNECTIONS; i++) {
      flood.add(greedy, false);
    }
    ScheduledExecutorService attacker = Executors.newSingleThreadScheduledExecutor();
    attacker.scheduleWithFixedDelay(() -> {
      try {
        flood.tick();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, 0, 100, TimeUnit.MILLISECONDS);
    List<Long> millis = new ArrayList<>();
    List<Long> freshMillis = new ArrayList<>();
    long floodStarted = System.nanoTime();
    try {
      while (millis.size() < 3 || System.nanoTime() - floodStarted < 4 * HEAD_TIMEOUT.toNanos()) {
        long begun = System.nanoTime();
        try (RawHttpConnection fresh = new RawHttpConnection(InetAddress.getLoopbackAddress(), phones)) {
          RawHttpConnection.Answer answer = fresh.get("/big.bin");
          assertEquals(200, answer.status());
          assertArrayEquals(big, answer.body());
        }
        long connected = System.nanoTime();
        assertArrayEquals(big, download());
        HttpResponse<String> health = phone.send(HttpGateway.request(http.admin("/health")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begun);
        freshMillis.add(TimeUnit.NANOSECONDS.toMillis(connected - begun));
        millis.add(took);
        assertTrue(took < SERVED_WITHIN.toMillis(), "round " + millis.size() + " took " + took + " ms");
      }
    } finally {
      attacker.shutdownNow();
      assertTrue(attacker.awaitTermination(10, TimeUnit.SECONDS));
      flood.close();
    }
    System.out.println("fresh connection's download during the flood, ms: " + freshMillis);
    System.out.println("fresh download, kept-alive download and health check, ms: " + millis);
    return flood.opened();
  }

  private byte[] download() throws Exception {
    return phone.send(HttpGateway.request(http.phones("/big.bin")).build(), HttpResponse.BodyHandlers.ofByteArray())
        .body();
  }

  private static long heapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long descriptors() {
    return ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getOpenFileDescriptorCount();
  }
}
