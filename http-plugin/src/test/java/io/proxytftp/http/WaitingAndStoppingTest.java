package io.proxytftp.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxytftp.config.UpstreamSettings;
import io.proxytftp.lifecycle.WorkerPool;
import io.proxytftp.testing.RunningGateway;
import io.proxytftp.testing.TestConfigs;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long a phone's request may wait for its file, and what a stopping server does with requests
 * in flight.
 */
class WaitingAndStoppingTest {
  @TempDir Path directory;

  static UpstreamSettings searchTimeout(Duration timeout) {
    UpstreamSettings defaults = TestConfigs.upstream();
    return new UpstreamSettings(defaults.timeout(), timeout, defaults.fetchDeadline(), defaults.maxFetchesPerAddress(),
        defaults.failuresBeforeOpen(), defaults.openInterval(), defaults.dnsRefresh());
  }

  /**
   * Occupies every thread of the gateway's worker pool until the returned latch is released: the
   * core resolves on those workers, so a resolution then waits in their queue, as it does when the
   * gateway is busy.
   */
  static CountDownLatch occupyWorkers(RunningGateway gateway) {
    CountDownLatch release = new CountDownLatch(1);
    WorkerPool workers = gateway.instance(WorkerPool.class);
    int moreThanThePoolHas = 4 * Runtime.getRuntime().availableProcessors() + 4;
    for (int i = 0; i < moreThanThePoolHas; i++) {
      workers.execute(() -> {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
    }
    return release;
  }

  @Test
  void aRequestUnansweredAfterTheSearchTimeoutAndASecondGets503WithRetryAfter() throws Exception {
    Duration search = Duration.ofMillis(300);
    Duration patience = search.plusSeconds(1);
    UpstreamSettings upstream = searchTimeout(search);
    try (HttpGateway http = HttpGateway.start(directory, config -> TestConfigs.withUpstream(config, upstream))) {
      http.write("SEP001122334455.cnf.xml", 100);
      CountDownLatch release = occupyWorkers(http.gateway());
      HttpResponse<String> response;
      Duration waited;
      try {
        long started = System.nanoTime();
        response = http.getText(http.phones("/SEP001122334455.cnf.xml"));
        waited = Duration.ofNanos(System.nanoTime() - started);
      } finally {
        release.countDown();
      }

      assertEquals(503, response.statusCode());
      assertEquals("1", response.headers().firstValue("Retry-After").orElseThrow());
      assertTrue(waited.compareTo(patience) >= 0, "answered before the bound, after " + waited.toMillis() + " ms");
      assertTrue(waited.compareTo(patience.plusSeconds(3)) < 0, "waited " + waited.toMillis() + " ms: not bounded");
      await().atMost(Duration.ofSeconds(10))
          .until(() -> http.get(http.phones("/SEP001122334455.cnf.xml")).statusCode() == 200);
    }
  }

  @Test
  void whileStoppingReadyIs503AndADownloadInFlightFinishes() throws Exception {
    try (HttpGateway http = HttpGateway.start(directory)) {
      byte[] content = http.write("SIP8845_65.14-2-1-0101-14.sbn", 32 << 20);
      URI ready = http.admin("/ready");
      assertEquals(200, http.getText(ready).statusCode());
      HttpResponse<InputStream> download = http.client().send(
          HttpGateway.request(http.phones("/SIP8845_65.14-2-1-0101-14.sbn")).build(),
          HttpResponse.BodyHandlers.ofInputStream());
      assertEquals(200, download.statusCode());

      CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> http.gateway().stop(Duration.ofSeconds(30)));
      HttpResponse<String> whileStopping = await().atMost(Duration.ofSeconds(10))
          .until(() -> http.getText(ready), response -> response.statusCode() == 503);
      assertEquals("{\"status\":\"STOPPING\"}", whileStopping.body());
      byte[] received;
      try (InputStream body = download.body()) {
        received = body.readAllBytes();
      }

      assertArrayEquals(content, received);
      stopping.get();
    }
  }

  /**
   * curl reading at a fixed rate, as a phone on a slow link does: the file is bigger than what the
   * sockets' buffers hold, so the server is still writing it for seconds after the stop begins.
   */
  @Test
  void aSlowDownloadFinishesWithinTheGraceWhileNewConnectionsAreRefusedAndReadyIs503() throws Exception {
    try (HttpGateway http = HttpGateway.start(directory)) {
      byte[] content = http.write("SIP8845_65.14-2-1-0101-14.sbn", 24 << 20);
      Path received = directory.resolve("received.sbn");
      Process curl = new ProcessBuilder(CurlInteropTest.CURL, "-sS", "--limit-rate", "4M", "-o", received.toString(),
          http.phones("/SIP8845_65.14-2-1-0101-14.sbn").toString())
          .redirectErrorStream(true).redirectOutput(directory.resolve("curl.log").toFile()).start();
      try {
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(received) && Files.size(received) > 0);

        URI ready = http.admin("/ready");
        InetSocketAddress phones = http.gateway().address("http");
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> http.gateway().stop(Duration.ofSeconds(60)));
        HttpResponse<String> whileStopping = await().atMost(Duration.ofSeconds(10))
            .until(() -> onANewConnection(ready), response -> response.statusCode() == 503);
        assertEquals("{\"status\":\"STOPPING\"}", whileStopping.body());
        await().atMost(Duration.ofSeconds(10)).until(() -> refusesConnections(phones));
        assertFalse(stopping.isDone(), "the stop did not wait for the download");

        assertTrue(curl.waitFor(60, TimeUnit.SECONDS), "curl did not finish");
        assertEquals(0, curl.exitValue(), () -> "curl failed: " + read(directory.resolve("curl.log")));
        assertArrayEquals(content, Files.readAllBytes(received));
        stopping.get(10, TimeUnit.SECONDS);
      } finally {
        curl.destroyForcibly();
      }
    }
  }

  /** A GET through a client of its own, so no connection opened before the stop is reused. */
  private static HttpResponse<String> onANewConnection(URI uri) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    return client.send(HttpGateway.request(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static boolean refusesConnections(InetSocketAddress address) {
    try (Socket socket = new Socket()) {
      socket.connect(address, 5_000);
      return false;
    } catch (ConnectException refused) {
      return true;
    } catch (IOException other) {
      return false;
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return e.toString();
    }
  }
}
