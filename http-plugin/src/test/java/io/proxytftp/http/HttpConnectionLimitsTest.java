package io.proxytftp.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.proxytftp.config.Limits;
import io.proxytftp.testing.TestConfigs;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The phones' listener's limits on connections, each alone: connections from one address past
 * {@code limits.max-transfers-per-client} are closed while other addresses are served, a request
 * head not complete within {@code limits.request-head-timeout} gets its connection closed (slowloris,
 * also on a kept-alive connection after a first answer), and a request whose head arrived is not cut
 * off by that bound while it waits for its file.
 */
class HttpConnectionLimitsTest {
  static final int PER_ADDRESS = 4;
  static final Duration HEAD_TIMEOUT = Duration.ofSeconds(1);
  /** How much later than the bound a closing may come on a loaded machine. */
  static final Duration LATE = Duration.ofMillis(1500);
  static final String NAME = "SEP001122334455.cnf.xml";

  @TempDir Path directory;

  /** Test limits with these connection bounds. */
  static Limits limits(int maxConnections, int perAddress, Duration headTimeout) {
    Limits defaults = TestConfigs.limits();
    return new Limits(maxConnections, perAddress, defaults.maxBlockSize(), defaults.maxWindowSize(),
        defaults.retransmitTimeout(), defaults.maxClientTimeout(), defaults.maxRetransmissions(), defaults.shutdownGrace(),
        headTimeout);
  }

  static double refused(HttpGateway http, String reason) {
    return http.gateway().instance(MeterRegistry.class)
        .get("http.connections.refused").tag("connector", "phones").tag("reason", reason).counter().count();
  }

  private HttpGateway start(Duration headTimeout) throws Exception {
    return HttpGateway.start(directory, config -> TestConfigs.withLimits(config, limits(64, PER_ADDRESS, headTimeout)));
  }

  @Test
  void connectionsPastThePerAddressCapAreClosedWhileOtherAddressesAreServed() throws Exception {
    try (HttpGateway http = start(Duration.ofSeconds(30))) {
      byte[] content = http.write(NAME, 2000);
      InetSocketAddress phones = http.gateway().address("http");
      InetAddress crowded = InetAddress.getByName("127.0.0.7");
      List<RawHttpConnection> connections = new ArrayList<>();
      try {
        for (int i = 0; i < PER_ADDRESS; i++) {
          RawHttpConnection held = new RawHttpConnection(crowded, phones);
          connections.add(held);
          assertEquals(200, held.get("/" + NAME).status(), "connection " + i + " within the cap");
        }
        for (int i = 0; i < 3; i++) {
          try (RawHttpConnection past = new RawHttpConnection(crowded, phones)) {
            past.closedByServer(Duration.ofSeconds(5));
          }
        }

        assertArrayEquals(content, http.get(http.phones("/" + NAME)).body(), "127.0.0.1 is served");
        try (RawHttpConnection neighbour = new RawHttpConnection(InetAddress.getByName("127.0.0.8"), phones)) {
          assertEquals(200, neighbour.get("/" + NAME).status(), "127.0.0.8 is served");
        }
        for (RawHttpConnection held : connections) {
          assertEquals(200, held.get("/" + NAME).status(), "a connection within the cap stays served");
        }
        assertEquals(3.0, refused(http, "per-address-limit"));
      } finally {
        for (RawHttpConnection held : connections) {
          held.close();
        }
      }
      // Closed connections give their places back: the address gets its whole cap again.
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
        List<RawHttpConnection> again = new ArrayList<>();
        try {
          for (int i = 0; i < PER_ADDRESS; i++) {
            again.add(new RawHttpConnection(crowded, phones));
            assertEquals(200, again.get(i).get("/" + NAME).status());
          }
        } finally {
          for (RawHttpConnection connection : again) {
            connection.close();
          }
        }
      });
    }
  }

  @Test
  void slowlorisConnectionsAreClosedWithinTheRequestHeadTimeout() throws Exception {
    try (HttpGateway http = start(HEAD_TIMEOUT); HeldConnections slow = new HeldConnections(http.gateway().address("http"))) {
      http.write(NAME, 2000);
      int count = 20;
      for (int host = 2; host < 2 + count; host++) {
        slow.add(InetAddress.getByName("127.0.0." + host), true);
      }
      // One byte per connection every 100 ms, ten times faster than the bound: an idle timeout never fires.
      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
        slow.tick();
        return slow.lifetimes().size() >= count;
      });

      // Lifetimes are seen from the flood's ticks, up to a tick (more on a busy machine) after the fact.
      for (Duration lifetime : slow.lifetimes().subList(0, count)) {
        assertTrue(lifetime.compareTo(HEAD_TIMEOUT.dividedBy(2)) >= 0, "closed early, after " + lifetime.toMillis() + " ms");
        assertTrue(lifetime.compareTo(HEAD_TIMEOUT.plus(LATE)) < 0, "closed after " + lifetime.toMillis() + " ms");
      }
      assertTrue(refused(http, "request-head-timeout") >= count);
    }
  }

  @Test
  void aSlowSecondRequestHeadOnAKeptAliveConnectionIsClosedToo() throws Exception {
    try (HttpGateway http = start(HEAD_TIMEOUT)) {
      http.write(NAME, 2000);
      try (RawHttpConnection connection = new RawHttpConnection(InetAddress.getByName("127.0.0.9"),
          http.gateway().address("http"))) {
        assertEquals(200, connection.get("/" + NAME).status());
        long answered = System.nanoTime();
        connection.send("GET /" + NAME + " HTTP/1.1\r\n");

        connection.closedByServer(HEAD_TIMEOUT.plus(LATE));
        Duration afterAnswer = Duration.ofNanos(System.nanoTime() - answered);
        assertTrue(afterAnswer.compareTo(HEAD_TIMEOUT.minusMillis(150)) >= 0, "closed after " + afterAnswer.toMillis() + " ms");
      }
    }
  }

  @Test
  void aRequestWaitingForItsFileLongerThanTheHeadTimeoutIsAnsweredNotCutOff() throws Exception {
    Duration search = HEAD_TIMEOUT.plusMillis(500);
    try (HttpGateway http = HttpGateway.start(directory, config -> TestConfigs.withLimits(
        TestConfigs.withUpstream(config, WaitingAndStoppingTest.searchTimeout(search)),
        limits(64, PER_ADDRESS, HEAD_TIMEOUT)))) {
      http.write(NAME, 100);
      CountDownLatch release = WaitingAndStoppingTest.occupyWorkers(http.gateway());
      HttpResponse<String> response;
      Duration waited;
      try {
        long started = System.nanoTime();
        response = http.getText(http.phones("/" + NAME));
        waited = Duration.ofNanos(System.nanoTime() - started);
      } finally {
        release.countDown();
      }

      assertEquals(503, response.statusCode(), "the bounded wait answers, the head bound does not cut it");
      assertTrue(waited.compareTo(search) > 0, "answered after " + waited.toMillis() + " ms");
      assertEquals(0.0, refused(http, "request-head-timeout"));
    }
  }
}
