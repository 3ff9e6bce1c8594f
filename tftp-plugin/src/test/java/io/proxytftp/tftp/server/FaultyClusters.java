package io.proxytftp.tftp.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.micrometer.core.instrument.MeterRegistry;
import io.proxytftp.config.CacheSettings;
import io.proxytftp.config.GatewayConfig;
import io.proxytftp.config.RemoteCluster;
import io.proxytftp.config.UpstreamSettings;
import io.proxytftp.testing.CacheContents;
import io.proxytftp.testing.RunningGateway;
import io.proxytftp.testing.TestConfigs;
import io.proxytftp.tftp.codec.DataPacket;
import io.proxytftp.tftp.codec.ErrorPacket;
import io.proxytftp.tftp.codec.TftpPacket;
import io.proxytftp.tftp.server.FaultyUpstream.Fault;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A proxy in front of {@link FaultyUpstream} clusters, and what the tests of broken upstreams check
 * about it: what a phone gets, and what the cache holds, in its index and on disk.
 */
final class FaultyClusters implements AutoCloseable {
  static final String LOAD = "P0030801SR02.loads";
  /** Test timeouts, and a fetch deadline of 3 s, which is what stops a dripping upstream. */
  static final UpstreamSettings UPSTREAM = new UpstreamSettings(Duration.ofMillis(200), Duration.ofSeconds(2),
      Duration.ofSeconds(3), 16, 3, Duration.ofSeconds(1), Duration.ofMinutes(5));
  /** Long enough for a sound upstream to lose the race to a broken one. */
  static final Duration SOUND_DELAY = Duration.ofMillis(300);
  /** How long "not found" is remembered: a broken cluster's failure must not be, or its mending is seen this late. */
  static final Duration NEGATIVE_TTL = Duration.ofSeconds(30);

  private final Path directory;
  private final List<AutoCloseable> running = new ArrayList<>();
  private RunningGateway proxy;

  FaultyClusters(Path directory) {
    this.directory = directory;
  }

  FaultyUpstream upstream(Fault fault, Duration delay, byte[] content) {
    FaultyUpstream upstream = new FaultyUpstream(fault, delay).serving(LOAD, content);
    running.add(upstream);
    return upstream;
  }

  /** Starts the proxy with these clusters, the test upstream settings, and "not found" remembered for 30 s, the default. */
  void startProxy(RemoteCluster... clusters) throws Exception {
    startProxy(UPSTREAM, clusters);
  }

  /** Starts the proxy with these clusters and upstream settings, and "not found" remembered for 30 s. */
  void startProxy(UpstreamSettings upstream, RemoteCluster... clusters) throws Exception {
    Path store = Files.createDirectories(directory.resolve("proxy-store"));
    GatewayConfig base = TestConfigs.withUpstream(
        TestConfigs.withClusters(TestConfigs.gateway(directory, store), List.of(clusters)), upstream);
    GatewayConfig config = new GatewayConfig(base.source(), base.gateway(), base.listeners(), base.limits(),
        new CacheSettings(base.caches().memoryBytes(), base.caches().diskBytes(), NEGATIVE_TTL),
        base.upstream(), base.identity(), base.signing(), base.admin(), base.sftp(), base.remoteClusters());
    proxy = RunningGateway.start(config);
    running.add(proxy);
  }

  /** The running proxy, for what a test looks at in its object graph. */
  RunningGateway proxy() {
    return proxy;
  }

  InetSocketAddress tftp() {
    return proxy.address("tftp");
  }

  double hedges() {
    return proxy.instance(MeterRegistry.class).counter("upstream.hedges").count();
  }

  double requestsTo(String cluster) {
    return proxy.instance(MeterRegistry.class).counter("upstream.requests", "cluster", cluster).count();
  }

  /** The load as a phone downloads it lock-step. */
  byte[] download() throws IOException {
    return PatientDownload.lockStep().from(tftp(), LOAD);
  }

  /** Downloads lock-step without loss, expecting the transfer to end in an ERROR rather than a last block. */
  ErrorPacket errorForLoad() throws IOException {
    try (RawTftpClient phone = new RawTftpClient(tftp())) {
      phone.readRequest(LOAD);
      long bytes = 0;
      while (true) {
        TftpPacket packet = phone.receive().packet();
        if (packet instanceof ErrorPacket error) {
          return error;
        }
        DataPacket data = (DataPacket) packet;
        bytes += data.payload().remaining();
        phone.ack(data.block());
        if (data.payload().remaining() < 512) {
          return fail("the phone was served " + bytes + " bytes as the whole of " + LOAD);
        }
      }
    }
  }

  /** Downloads until the right bytes come, as a phone asking again after its upstream was fixed. */
  void awaitRightBytes(byte[] right) {
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
        .untilAsserted(() -> assertArrayEquals(right, download()));
  }

  void assertNothingCached() throws IOException {
    CacheContents.assertEmpty(proxy, LOAD);
  }

  void assertCachedExactly(byte[] right) throws IOException {
    CacheContents.assertHoldsOnly(proxy, LOAD, right);
  }

  @Override
  public void close() throws Exception {
    for (int i = running.size() - 1; i >= 0; i--) {
      running.get(i).close();
    }
  }
}
