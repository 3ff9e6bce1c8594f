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
 * Connection floods on the phones' HTTP listener from 199 addresses (every 127.x.y.z is local on
 * Linux): an idle connection and a slowloris connection per address, reopened as soon as the
 * server closes them (the per-address cap is {@link HttpConnectionLimitsTest}'s). Beyond {@code limits.max-transfers}
 * the server never holds more connections than that and the admin listener keeps answering; within
 * it, a phone on 127.0.0.1 keeps getting its file byte for byte over fresh and kept-alive
 * connections, and afterwards connections, heap, threads and descriptors come back to where they
 * were.
 */
class HttpFloodTest {
  private static final int FLOOD_ADDRESSES = 199;
  private static final int PER_ADDRESS = HttpConnectionLimitsTest.PER_ADDRESS;
  private static final Duration HEAD_TIMEOUT = HttpConnectionLimitsTest.HEAD_TIMEOUT;
  /** How long a phone's downloads and an admin request may take while the server has room (generous: 2 busy cores). */
  private static final Duration SERVED_WITHIN = Duration.ofSeconds(10);

  @TempDir Path directory;
  HttpGateway http;
  byte[] big;
  final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
  final ExecutorService clientThreads = Executors.newFixedThreadPool(2);
  /** A phone's client with few, fixed threads, so that the thread count says what the server does. */
  final HttpClient phone = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(30))
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

  private void start(int maxConnections) throws Exception {
    http = HttpGateway.start(directory, config -> TestConfigs.withLimits(config,
        HttpConnectionLimitsTest.limits(maxConnections, PER_ADDRESS, HEAD_TIMEOUT)));
    big = http.write("big.bin", 1 << 20);
  }

  private double open() {
    return http.gateway().instance(MeterRegistry.class)
        .get("http.connections.open").tag("connector", "phones").gauge().value();
  }

  @Test
  void floodBeyondTheLimitNeverHoldsMoreConnectionsThanTheLimitAndTheAdminKeepsAnswering() throws Exception {
    int limit = 64;
    start(limit);
    AtomicInteger highest = new AtomicInteger();
    sampler.scheduleAtFixedRate(() -> highest.accumulateAndGet((int) open(), Math::max), 0, 5, TimeUnit.MILLISECONDS);
    double headTimeoutsBefore = HttpConnectionLimitsTest.refused(http, "request-head-timeout");
    List<Long> adminMillis = new ArrayList<>();
    long phoneMillis;

    try (HeldConnections flood = flood()) {
      ScheduledExecutorService attacker = attack(flood);
      long started = System.nanoTime();
      try {
        assertArrayEquals(big, download(), "a phone waiting for a place");
        phoneMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        while (adminMillis.size() < 3 || System.nanoTime() - started < 3 * HEAD_TIMEOUT.toNanos()) {
          adminMillis.add(health());
        }
      } finally {
        stop(attacker);
      }
      System.out.printf("flood beyond the limit: %d connections opened, %d held at most, phone served after %d ms,"
          + " admin answered %d times, at most in %d ms%n", flood.opened(), highest.get(), phoneMillis,
          adminMillis.size(), adminMillis.stream().mapToLong(Long::longValue).max().orElse(0));
      assertTrue(flood.opened() >= 2 * FLOOD_ADDRESSES, "flood too small: " + flood.opened());
    }

    assertTrue(highest.get() <= limit, "connections held at once: " + highest.get());
    assertTrue(highest.get() >= limit - 4, "the flood never filled the server: " + highest.get());
    assertTrue(adminMillis.stream().allMatch(millis -> millis < SERVED_WITHIN.toMillis()), "admin: " + adminMillis);
    double headTimeouts = HttpConnectionLimitsTest.refused(http, "request-head-timeout") - headTimeoutsBefore;
    assertTrue(headTimeouts >= limit, "held connections were not closed: " + headTimeouts);
    await().atMost(Duration.ofSeconds(10)).until(() -> open() == 0);
  }

  @Test
  void phoneIsServedDuringAFloodWithinTheLimitAndResourcesComeBack() throws Exception {
    start(TestConfigs.limits().maxTransfers());
    assertArrayEquals(big, download());
    // A first flood grows Jetty's thread pool, which keeps idle threads for a minute; the second
    // must then leave nothing behind.
    servedDuringFlood();
    await().atMost(Duration.ofSeconds(10)).until(() -> open() == 0);
    long heapBefore = heapAfterGc();
    int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
    long descriptorsBefore = descriptors();

    servedDuringFlood();

    await().atMost(Duration.ofSeconds(10)).until(() -> open() == 0);
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      assertTrue(heapAfterGc() < heapBefore + (32L << 20), "heap grew from " + heapBefore);
      assertTrue(ManagementFactory.getThreadMXBean().getThreadCount() <= threadsBefore + 2, "threads grew");
      assertTrue(descriptors() <= descriptorsBefore + 16,
          "descriptors grew from " + descriptorsBefore + " to " + descriptors());
    });
  }

  /**
   * Floods for at least three head timeouts while the phone downloads the big file over a fresh
   * connection and over its kept-alive one and the admin listener answers {@code /health}, each
   * round within {@link #SERVED_WITHIN}.
   */
  private void servedDuringFlood() throws Exception {
    double headTimeoutsBefore = HttpConnectionLimitsTest.refused(http, "request-head-timeout");
    InetSocketAddress phones = http.gateway().address("http");
    List<Long> millis = new ArrayList<>();
    try (HeldConnections flood = flood()) {
      ScheduledExecutorService attacker = attack(flood);
      long started = System.nanoTime();
      try {
        while (millis.size() < 3 || System.nanoTime() - started < 3 * HEAD_TIMEOUT.toNanos()) {
          long begun = System.nanoTime();
          try (RawHttpConnection fresh = new RawHttpConnection(InetAddress.getLoopbackAddress(), phones)) {
            RawHttpConnection.Answer answer = fresh.get("/big.bin");
            assertEquals(200, answer.status());
            assertArrayEquals(big, answer.body());
          }
          assertArrayEquals(big, download());
          health();
          long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begun);
          millis.add(took);
          assertTrue(took < SERVED_WITHIN.toMillis(), "round " + millis.size() + " took " + took + " ms");
        }
      } finally {
        stop(attacker);
      }
      double headTimeouts = HttpConnectionLimitsTest.refused(http, "request-head-timeout") - headTimeoutsBefore;
      System.out.printf("flood within the limit: %d connections opened, %.0f closed without a request head;"
          + " fresh and kept-alive download and health check in %s ms%n", flood.opened(), headTimeouts, millis);
      assertTrue(headTimeouts >= FLOOD_ADDRESSES, "held connections were not closed: " + headTimeouts);
    }
  }

  /** An idle and a slow connection from each flood address. */
  private HeldConnections flood() throws Exception {
    HeldConnections flood = new HeldConnections(http.gateway().address("http"));
    for (int host = 2; host < 2 + FLOOD_ADDRESSES; host++) {
      InetAddress address = InetAddress.getByName("127.0.0." + host);
      flood.add(address, false);
      flood.add(address, true);
    }
    return flood;
  }

  /** Ticks the flood every 100 ms: reopens what the server closed, drips on the slow connections. */
  private static ScheduledExecutorService attack(HeldConnections flood) {
    ScheduledExecutorService attacker = Executors.newSingleThreadScheduledExecutor();
    attacker.scheduleWithFixedDelay(() -> {
      try {
        flood.tick();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, 0, 100, TimeUnit.MILLISECONDS);
    return attacker;
  }

  private static void stop(ScheduledExecutorService attacker) throws InterruptedException {
    attacker.shutdownNow();
    assertTrue(attacker.awaitTermination(10, TimeUnit.SECONDS));
  }

  private byte[] download() throws Exception {
    return phone.send(HttpGateway.request(http.phones("/big.bin")).build(), HttpResponse.BodyHandlers.ofByteArray())
        .body();
  }

  /** GETs the admin listener's {@code /health}, expecting 200; returns how long it took. */
  private long health() throws Exception {
    long begun = System.nanoTime();
    HttpResponse<String> health = phone.send(HttpGateway.request(http.admin("/health")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, health.statusCode());
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begun);
  }

  private static long heapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long descriptors() {
    return ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getOpenFileDescriptorCount();
  }
}
