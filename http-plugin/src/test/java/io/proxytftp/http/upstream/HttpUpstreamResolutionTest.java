package io.proxytftp.http.upstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Module;
import io.micrometer.core.instrument.MeterRegistry;
import io.proxytftp.cache.ContentCache;
import io.proxytftp.config.GatewayConfig;
import io.proxytftp.config.GatewaySettings;
import io.proxytftp.http.upstream.ClusterHttpServer.Behaviour;
import io.proxytftp.plugin.GatewayPlugin;
import io.proxytftp.resolve.FileRequest;
import io.proxytftp.resolve.FileResolver;
import io.proxytftp.resolve.Resolution;
import io.proxytftp.resolve.ResolvedFile;
import io.proxytftp.testing.RunningGateway;
import io.proxytftp.testing.TestConfigs;
import io.proxytftp.testing.TftpdHpa;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway resolving files from a remote cluster that serves them over HTTP, end to end: the
 * cluster's HTTP side a real HTTP server, its TFTP side a real tftpd-hpa, the gateway's TFTP
 * fetcher the TFTP plugin's (a test dependency, found on the class path as in a deployment).
 */
class HttpUpstreamResolutionTest {
  static final String FIRMWARE = "sip88xx.14-2-1-0001-14.sbn";
  static final InetSocketAddress PHONE = new InetSocketAddress("10.1.1.20", 50000);

  /** Installs the fetcher as the HTTP plugin will. */
  static final GatewayPlugin HTTP_FETCHER = new GatewayPlugin() {
    @Override
    public String name() {
      return "http-fetcher";
    }

    @Override
    public Module module() {
      return new HttpFetcherModule();
    }
  };

  @TempDir Path directory;
  final List<AutoCloseable> running = new ArrayList<>();

  @AfterEach
  void stopAll() throws Exception {
    for (int i = running.size() - 1; i >= 0; i--) {
      running.get(i).close();
    }
  }

  private Path folder(String name) throws IOException {
    return Files.createDirectories(directory.resolve(name));
  }

  private static byte[] write(Path root, String name, int size) throws IOException {
    byte[] content = new byte[size];
    new Random(name.hashCode() ^ size).nextBytes(content);
    Files.write(root.resolve(name), content);
    return content;
  }

  private ClusterHttpServer httpServer(Path root) throws IOException {
    ClusterHttpServer server = ClusterHttpServer.serving(root);
    running.add(server);
    return server;
  }

  private TftpdHpa tftpd(Path root) throws IOException {
    TftpdHpa tftpd = TftpdHpa.start(root);
    running.add(tftpd);
    return tftpd;
  }

  /** A gateway with one remote cluster: TFTP at {@code tftp}, HTTP on the same host's {@code httpPort}. */
  private RunningGateway proxy(InetSocketAddress tftp, int httpPort) throws Exception {
    Path folder = folder("proxy");
    GatewayConfig config = TestConfigs.withClusters(TestConfigs.gateway(folder, folder("proxy/store")),
        List.of(TestConfigs.withHttpPort(TestConfigs.cluster("cluster-a", tftp), httpPort)));
    RunningGateway proxy = RunningGateway.start(config, List.of(HTTP_FETCHER));
    running.add(proxy);
    return proxy;
  }

  private static CompletableFuture<Resolution> resolve(RunningGateway proxy, String name) {
    return proxy.instance(FileResolver.class).resolve(new FileRequest(name, PHONE, "tftp"));
  }

  private static byte[] download(RunningGateway proxy, String name) throws Exception {
    Resolution resolution = resolve(proxy, name).get(10, TimeUnit.SECONDS);
    try (ResolvedFile file = assertInstanceOf(Resolution.Found.class, resolution).file()) {
      file.whenReadable(file.size()).get(10, TimeUnit.SECONDS);
      return file.readAll(Integer.MAX_VALUE);
    }
  }

  private static double fallbacks(RunningGateway proxy) {
    return proxy.instance(MeterRegistry.class).counter("upstream.fallbacks", "cluster", "cluster-a").count();
  }

  @Test
  void firmwareOfAClusterServingHttpComesOverHttpOnceForConcurrentRequests() throws Exception {
    Path root = folder("cluster-http");
    byte[] content = write(root, FIRMWARE, 3_000_000);
    ClusterHttpServer http = httpServer(root);
    // Nobody answers TFTP there: the file can only come over HTTP.
    RunningGateway proxy = proxy(Ports.unusedUdp(), http.port());
    List<CompletableFuture<Resolution>> phones = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      phones.add(resolve(proxy, FIRMWARE));
    }
    for (CompletableFuture<Resolution> phone : phones) {
      assertInstanceOf(Resolution.Found.class, phone.get(10, TimeUnit.SECONDS)).file().close();
    }
    assertArrayEquals(content, download(proxy, FIRMWARE));
    assertEquals(List.of("/" + FIRMWARE), http.rawPaths());
    String gatewayId = proxy.instance(GatewaySettings.class).id();
    assertEquals(List.of(gatewayId), http.viaHeaders());
    assertEquals(0, fallbacks(proxy));
  }

  @Test
  void clusterWhoseHttpPortRefusesIsServedOverTftp() throws Exception {
    Path root = folder("cluster-tftp");
    byte[] content = write(root, FIRMWARE, 300_000);
    TftpdHpa tftpd = tftpd(root);
    RunningGateway proxy = proxy(tftpd.address(), Ports.closedTcp().getPort());
    assertArrayEquals(content, download(proxy, FIRMWARE));
    assertEquals(1, fallbacks(proxy));
  }

  @Test
  void clusterAnsweringHttpWithServerErrorsIsServedOverTftp() throws Exception {
    Path root = folder("cluster");
    byte[] content = write(root, FIRMWARE, 300_000);
    ClusterHttpServer http = httpServer(root);
    http.behave(Behaviour.FAILS);
    RunningGateway proxy = proxy(tftpd(root).address(), http.port());
    assertArrayEquals(content, download(proxy, FIRMWARE));
    assertEquals(1, http.rawPaths().size());
    assertEquals(1, fallbacks(proxy));
  }

  @Test
  void clusterSilentOverHttpIsServedOverTftpAfterTheTimeout() throws Exception {
    Path root = folder("cluster");
    byte[] content = write(root, FIRMWARE, 300_000);
    ClusterHttpServer http = httpServer(root);
    http.behave(Behaviour.SILENT);
    RunningGateway proxy = proxy(tftpd(root).address(), http.port());
    assertArrayEquals(content, download(proxy, FIRMWARE));
    assertEquals(1, fallbacks(proxy));
  }

  @Test
  void httpNotFoundIsTheAnswerAndTftpIsNotAsked() throws Exception {
    Path tftpRoot = folder("cluster-tftp");
    write(tftpRoot, FIRMWARE, 300_000);
    ClusterHttpServer http = httpServer(folder("cluster-http"));
    RunningGateway proxy = proxy(tftpd(tftpRoot).address(), http.port());
    assertInstanceOf(Resolution.NotFound.class, resolve(proxy, FIRMWARE).get(10, TimeUnit.SECONDS));
    assertEquals(1, http.rawPaths().size());
    assertEquals(0, fallbacks(proxy));
  }

  @Test
  void httpBreakingOffMidBodyLeavesNothingInTheCache() throws Exception {
    Path root = folder("cluster");
    write(root, FIRMWARE, 300_000);
    ClusterHttpServer http = httpServer(root);
    http.behave(Behaviour.BREAKS_OFF);
    RunningGateway proxy = proxy(tftpd(root).address(), http.port());
    Resolution resolution = resolve(proxy, FIRMWARE).get(10, TimeUnit.SECONDS);
    assertInstanceOf(Resolution.NotFound.class, resolution);
    assertTrue(proxy.instance(ContentCache.class).open(FIRMWARE).isEmpty(), "a broken-off transfer was cached");
    assertEquals(0, fallbacks(proxy));
  }
}
