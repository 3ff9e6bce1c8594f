package io.proxytftp.http.upstream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.MeterRegistry;
import io.proxytftp.config.GatewayConfig;
import io.proxytftp.config.RemoteCluster;
import io.proxytftp.config.UpstreamSettings;
import io.proxytftp.http.upstream.ClusterHttpServer.Behaviour;
import io.proxytftp.testing.CacheContents;
import io.proxytftp.testing.RunningGateway;
import io.proxytftp.testing.TestConfigs;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTP upstream fetcher end to end against bodies that break: a phone asks the gateway over
 * HTTP, the first cluster to answer sends a truncated body (the connection closed early), a
 * Content-Length larger than what it sends, or half a body and a connection reset; the gateway
 * throws that away and the phone gets the right bytes from a second cluster, which is all the cache
 * holds, on disk too.
 */
class HttpUpstreamFaultTest {
  static final String LOAD = "P0030801SR02.loads";
  /**
   * A second, not the test settings' 200 ms, for a cluster's headers: so that on a loaded machine the
   * broken cluster's body, not its headers, is what breaks (two runs in a full build failed so).
   */
  static final UpstreamSettings UPSTREAM = new UpstreamSettings(Duration.ofSeconds(1), Duration.ofSeconds(3),
      Duration.ofMinutes(1), 16, 3, Duration.ofSeconds(1), Duration.ofMinutes(5));

  @TempDir Path directory;
  @AutoClose RunningGateway proxy;
  @AutoClose ClusterHttpServer broken;
  @AutoClose ResettingHttpServer resetting;
  @AutoClose ClusterHttpServer sound;

  private static byte[] bytes(int size, long seed) {
    byte[] content = new byte[size];
    new Random(seed).nextBytes(content);
    return content;
  }

  private Path root(String name, byte[] content) throws IOException {
    Path root = Files.createDirectories(directory.resolve(name));
    Files.write(root.resolve(LOAD), content);
    return root;
  }

  /** A cluster served over HTTP on {@code httpPort}; its TFTP port answers nothing. */
  private static RemoteCluster httpCluster(String id, int httpPort) throws IOException {
    return TestConfigs.withHttpPort(TestConfigs.cluster(id, Ports.unusedUdp()), httpPort);
  }

  /**
   * Starts the broken cluster's HTTP service, whose body breaks only when {@link #breakOff} says so,
   * and returns its port.
   */
  private int startBroken(String how, byte[] wrong) throws IOException {
    if (how.equals("RESET")) {
      resetting = new ResettingHttpServer(wrong);
      return resetting.port();
    }
    broken = ClusterHttpServer.serving(root("broken", wrong));
    broken.behave(Behaviour.valueOf(how));
    broken.breakWhenReleased();
    return broken.port();
  }

  /** Lets the broken cluster's body break. */
  private void breakOff() {
    if (resetting != null) {
      resetting.reset();
    } else {
      broken.release();
    }
  }

  /** How many times the gateway asked a cluster, whether or not the request got as far as its server. */
  private double requestsTo(String cluster) {
    return proxy.instance(MeterRegistry.class).counter("upstream.requests", "cluster", cluster).count();
  }

  @ParameterizedTest
  @ValueSource(strings = {"BREAKS_OFF", "WRONG_LENGTH", "RESET"})
  void brokenBodyIsThrownAwayAndThePhoneGetsTheFileFromTheSoundCluster(String how) throws Exception {
    byte[] right = bytes(300_000, 1);
    int brokenPort = startBroken(how, bytes(300_000, 2));
    // The sound cluster holds its answer until the broken one has won the race: so the broken one
    // always wins, and its body always breaks.
    sound = ClusterHttpServer.serving(root("sound", right));
    sound.behave(Behaviour.SILENT);
    Path folder = Files.createDirectories(directory.resolve("proxy"));
    GatewayConfig config = TestConfigs.withUpstream(TestConfigs.withClusters(
        TestConfigs.gateway(folder, Files.createDirectories(folder.resolve("store"))),
        List.of(httpCluster("broken", brokenPort), httpCluster("sound", sound.port()))), UPSTREAM);
    proxy = RunningGateway.start(config);
    InetSocketAddress phones = proxy.address("http");
    CompletableFuture<HttpResponse<byte[]>> phone = HttpClient.newHttpClient().sendAsync(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + phones.getPort() + "/" + LOAD)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    // The broken cluster has won once the gateway begins to store its body: a temporary file in its
    // cache, made only after the race's other request was cancelled.
    await().atMost(Duration.ofSeconds(10)).until(() -> CacheContents.files(proxy).stream()
        .anyMatch(file -> file.getFileName().toString().endsWith(".tmp")));
    // Not "once the sound cluster has had two requests": the race's request to it may be cancelled
    // before it is sent, and the one asked again then waits past its timeout for a second.
    sound.release();
    breakOff();
    HttpResponse<byte[]> response = phone.get(10, TimeUnit.SECONDS);
    assertEquals(200, response.statusCode());
    assertArrayEquals(right, response.body());
    IntSupplier brokenAnswers = how.equals("RESET") ? resetting::resets : () -> broken.rawPaths().size();
    assertEquals(1, brokenAnswers.getAsInt());
    assertEquals(2, requestsTo("sound"), "asked in the race and again after the break");
    CacheContents.assertHoldsOnly(proxy, LOAD, right);
  }

  /**
   * With no other cluster holding the file, a broken body is a transient failure: HTTP 502, not a
   * 404 remembered for the negative TTL; the phone's next request once the cluster is mended is served.
   */
  @Test
  void onlyClusterBreakingOffGives502AndTheNextRequestOnceMendedIsServed() throws Exception {
    byte[] right = bytes(300_000, 3);
    broken = ClusterHttpServer.serving(root("broken", right));
    broken.behave(Behaviour.BREAKS_OFF);
    Path folder = Files.createDirectories(directory.resolve("proxy"));
    proxy = RunningGateway.start(TestConfigs.withUpstream(TestConfigs.withClusters(
        TestConfigs.gateway(folder, Files.createDirectories(folder.resolve("store"))),
        List.of(httpCluster("broken", broken.port()))), UPSTREAM));
    HttpRequest request = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + proxy.address("http").getPort() + "/" + LOAD)).build();
    HttpClient phone = HttpClient.newHttpClient();

    HttpResponse<String> failed = phone.send(request, HttpResponse.BodyHandlers.ofString());
    assertEquals(502, failed.statusCode(), failed.body());
    CacheContents.assertEmpty(proxy, LOAD);

    broken.behave(Behaviour.SERVES);
    HttpResponse<byte[]> served = phone.send(request, HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, served.statusCode());
    assertArrayEquals(right, served.body());
  }
}
