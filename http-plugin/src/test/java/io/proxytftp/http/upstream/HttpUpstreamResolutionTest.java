package io.proxytftp.http.upstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.proxytftp.cache.ContentCache;
import io.proxytftp.config.GatewayConfig;
import io.proxytftp.config.GatewaySettings;
import io.proxytftp.config.UpstreamSettings;
import io.proxytftp.http.upstream.ClusterHttpServer.Behaviour;
import io.proxytftp.identity.InstanceToken;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A gateway resolving files from a remote cluster that serves them over HTTP, end to end: the
 * cluster's HTTP side a real HTTP server, its TFTP side a real tftpd-hpa, the gateway's TFTP
 * fetcher the TFTP plugin's (a test dependency, found on the class path as in a deployment).
 */
class HttpUpstreamResolutionTest {
  static final String FIRMWARE = "sip88xx.14-2-1-0001-14.sbn";
  static final InetSocketAddress PHONE = new InetSocketAddress("10.1.1.20", 50000);

  @TempDir Path directory;
  @AutoClose RunningGateway proxy;
  @AutoClose ClusterHttpServer http;
  @AutoClose TftpdHpa tftpd;

  private Path folder(String name) throws IOException {
    return Files.createDirectories(directory.resolve(name));
  }

  private static byte[] write(Path root, String name, int size) throws IOException {
    byte[] content = new byte[size];
    new Random(name.hashCode() ^ size).nextBytes(content);
    Files.write(root.resolve(name), content);
    return content;
  }

  /** Starts the gateway, with one remote cluster: TFTP at {@code tftp}, HTTP on the same host's {@code httpPort}. */
  private void startProxy(InetSocketAddress tftp, int httpPort) throws Exception {
    startProxy(tftp, httpPort, TestConfigs.upstream());
  }

  private void startProxy(InetSocketAddress tftp, int httpPort, UpstreamSettings upstream) throws Exception {
    Path folder = folder("proxy");
    GatewayConfig config = TestConfigs.withClusters(TestConfigs.gateway(folder, folder("proxy/store")),
        List.of(TestConfigs.withHttpPort(TestConfigs.cluster("cluster-a", tftp), httpPort)));
    proxy = RunningGateway.start(TestConfigs.withUpstream(config, upstream));
  }

  /** Starts the cluster, HTTP and tftpd-hpa serving {@code root}, HTTP as {@code behaviour} says; and the gateway. */
  private void startClusterAndProxy(Path root, Behaviour behaviour) throws Exception {
    http = ClusterHttpServer.serving(root);
    http.behave(behaviour);
    tftpd = TftpdHpa.start(root);
    startProxy(tftpd.address(), http.port());
  }

  private CompletableFuture<Resolution> resolve(String name) {
    return proxy.instance(FileResolver.class).resolve(new FileRequest(name, PHONE, "tftp"));
  }

  private byte[] download(String name) throws Exception {
    Resolution resolution = resolve(name).get(10, TimeUnit.SECONDS);
    try (ResolvedFile file = assertInstanceOf(Resolution.Found.class, resolution).file()) {
      file.whenReadable(file.size()).get(10, TimeUnit.SECONDS);
      return file.readAll(Integer.MAX_VALUE);
    }
  }

  private double fallbacks() {
    return proxy.instance(MeterRegistry.class).counter("upstream.fallbacks", "cluster", "cluster-a").count();
  }

  @Test
  void firmwareOfAClusterServingHttpComesOverHttpOnceForConcurrentRequests() throws Exception {
    Path root = folder("cluster-http");
    byte[] content = write(root, FIRMWARE, 3_000_000);
    http = ClusterHttpServer.serving(root);
    // Nobody answers TFTP there: the file can only come over HTTP.
    startProxy(Ports.unusedUdp(), http.port());
    List<CompletableFuture<Resolution>> phones = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      phones.add(resolve(FIRMWARE));
    }
    for (CompletableFuture<Resolution> phone : phones) {
      assertInstanceOf(Resolution.Found.class, phone.get(10, TimeUnit.SECONDS)).file().close();
    }
    assertArrayEquals(content, download(FIRMWARE));
    assertEquals(List.of("/" + FIRMWARE), http.rawPaths());
    assertEquals(List.of(proxy.instance(GatewaySettings.class).id() + "#" + proxy.instance(InstanceToken.class).value()),
        http.viaHeaders());
    assertEquals(0, fallbacks());
  }

  @Test
  void cachedFileNamesItsClusterAndAddressAsLogsDo() throws Exception {
    Path root = folder("cluster-http");
    write(root, FIRMWARE, 10_000);
    http = ClusterHttpServer.serving(root);
    InetSocketAddress tftp = Ports.unusedUdp();
    UpstreamSettings quick = TestConfigs.upstream();
    // A loaded machine's first fetch may outlast the quick settings' search; this test is about what it leaves.
    startProxy(tftp, http.port(), new UpstreamSettings(quick.timeout(), Duration.ofSeconds(10), quick.fetchDeadline(),
        quick.maxFetchesPerAddress(), quick.failuresBeforeOpen(), quick.openInterval(), quick.dnsRefresh(),
        quick.hedgeAfter()));
    download(FIRMWARE);
    assertEquals("cluster-a 127.0.0.1:" + tftp.getPort(),
        proxy.instance(ContentCache.class).entry(FIRMWARE).orElseThrow().origin());
  }

  @Test
  void clusterWhoseHttpPortRefusesIsServedOverTftp() throws Exception {
    Path root = folder("cluster-tftp");
    byte[] content = write(root, FIRMWARE, 300_000);
    tftpd = TftpdHpa.start(root);
    startProxy(tftpd.address(), Ports.closedTcp().getPort());
    assertArrayEquals(content, download(FIRMWARE));
    assertEquals(1, fallbacks());
  }

  @ParameterizedTest
  @EnumSource(value = Behaviour.class, names = {"FAILS", "SILENT"})
  void clusterFailingOverHttpBeforeSendingIsServedOverTftp(Behaviour failing) throws Exception {
    Path root = folder("cluster");
    byte[] content = write(root, FIRMWARE, 300_000);
    startClusterAndProxy(root, failing);
    assertArrayEquals(content, download(FIRMWARE));
    assertEquals(1, http.rawPaths().size());
    assertEquals(1, fallbacks());
  }

  /**
   * "Not found" is an answer; a broken-off body has already gone into the cache, which throws it
   * away, and is a transient failure (HTTP 502, TFTP error 0), not "not found".
   */
  @ParameterizedTest
  @EnumSource(value = Behaviour.class, names = {"NOT_FOUND", "BREAKS_OFF"})
  void httpAnsweringOtherwiseThanFailingBeforeSendingIsNotAskedAgainOverTftp(Behaviour answer) throws Exception {
    Path root = folder("cluster");
    write(root, FIRMWARE, 300_000);
    startClusterAndProxy(root, answer);
    Class<? extends Resolution> expected =
        answer == Behaviour.NOT_FOUND ? Resolution.NotFound.class : Resolution.Unavailable.class;
    assertInstanceOf(expected, resolve(FIRMWARE).get(10, TimeUnit.SECONDS));
    assertTrue(proxy.instance(ContentCache.class).open(FIRMWARE).isEmpty(), "cached after " + answer);
    assertEquals(1, http.rawPaths().size());
    assertEquals(0, fallbacks());
  }
}
