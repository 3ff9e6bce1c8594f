package io.proxytftp.http.upstream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxytftp.cache.CacheEntry;
import io.proxytftp.cache.ContentCache;
import io.proxytftp.config.GatewayConfig;
import io.proxytftp.config.GatewaySettings;
import io.proxytftp.config.RemoteCluster;
import io.proxytftp.http.upstream.ClusterHttpServer.Behaviour;
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
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
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

  /** Starts the broken cluster's HTTP service, and returns how to tell how many requests it has answered. */
  private int startBroken(String how, byte[] wrong) throws IOException {
    if (how.equals("RESET")) {
      resetting = new ResettingHttpServer(wrong);
      return resetting.port();
    }
    broken = ClusterHttpServer.serving(root("broken", wrong));
    broken.behave(Behaviour.valueOf(how));
    return broken.port();
  }

  @ParameterizedTest
  @ValueSource(strings = {"BREAKS_OFF", "WRONG_LENGTH", "RESET"})
  void brokenBodyIsThrownAwayAndThePhoneGetsTheFileFromTheSoundCluster(String how) throws Exception {
    byte[] right = bytes(300_000, 1);
    int brokenPort = startBroken(how, bytes(300_000, 2));
    // The sound cluster holds its answer until the gateway asks it again, after the broken one broke
    // off: so the broken one always wins the race, and its body always breaks.
    sound = ClusterHttpServer.serving(root("sound", right));
    sound.behave(Behaviour.SILENT);
    Path folder = Files.createDirectories(directory.resolve("proxy"));
    GatewayConfig config = TestConfigs.withClusters(TestConfigs.gateway(folder, Files.createDirectories(folder.resolve("store"))),
        List.of(httpCluster("broken", brokenPort), httpCluster("sound", sound.port())));
    proxy = RunningGateway.start(config);
    InetSocketAddress phones = proxy.address("http");
    CompletableFuture<HttpResponse<byte[]>> phone = HttpClient.newHttpClient().sendAsync(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + phones.getPort() + "/" + LOAD)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    if (resetting != null) {
      // Reset once the gateway has begun to store the broken body: a temporary file in its cache.
      await().atMost(Duration.ofSeconds(10)).until(() -> cacheFiles().stream()
          .anyMatch(file -> file.getFileName().toString().endsWith(".tmp")));
      resetting.reset();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> sound.rawPaths().size() >= 2);
    sound.release();
    HttpResponse<byte[]> response = phone.get(10, TimeUnit.SECONDS);
    assertEquals(200, response.statusCode());
    assertArrayEquals(right, response.body());
    IntSupplier brokenAnswers = how.equals("RESET") ? resetting::resets : () -> broken.rawPaths().size();
    assertEquals(1, brokenAnswers.getAsInt());
    assertCachedExactly(right);
  }

  /** The cache holds the right bytes, and on disk nothing but that entry's blob and sidecar. */
  private void assertCachedExactly(byte[] right) throws Exception {
    CacheEntry entry = proxy.instance(ContentCache.class).entry(LOAD).orElseThrow();
    assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(right)), entry.sha256());
    List<Path> files = cacheFiles();
    assertEquals(2, files.size(), files::toString);
    assertTrue(files.stream().anyMatch(file -> file.getFileName().toString().endsWith("." + entry.sha256())),
        files::toString);
  }

  /** Every file under the gateway's cache folder: blobs, sidecars and anything being written. */
  private List<Path> cacheFiles() throws IOException {
    Path cache = proxy.instance(GatewaySettings.class).dataDirectory().resolve("cache");
    try (Stream<Path> walk = Files.walk(cache)) {
      return walk.filter(Files::isRegularFile).toList();
    }
  }
}
