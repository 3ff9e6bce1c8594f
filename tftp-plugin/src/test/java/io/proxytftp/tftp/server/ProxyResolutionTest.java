package io.proxytftp.tftp.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.proxytftp.cache.ContentCache;
import io.proxytftp.config.GatewayConfig;
import io.proxytftp.config.RemoteCluster;
import io.proxytftp.config.UpstreamSettings;
import io.proxytftp.index.DeviceIndex;
import io.proxytftp.resolve.ResolvedFile;
import io.proxytftp.testing.RunningGateway;
import io.proxytftp.testing.TestConfigs;
import io.proxytftp.testing.TftpdHpa;
import io.proxytftp.tftp.codec.DataPacket;
import io.proxytftp.tftp.codec.OptionAckPacket;
import io.proxytftp.tftp.codec.TftpError;
import io.proxytftp.tftp.codec.TransferMode;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's main job end to end: a proxy in front of three remote clusters, each a real
 * proxytftp instance on loopback, asked by real TFTP clients.
 */
class ProxyResolutionTest {
  static final String PHONE = "SEP001956A3A472.cnf.xml.sgn";

  @TempDir Path directory;
  final List<AutoCloseable> running = new ArrayList<>();
  final List<Path> clusterStores = new ArrayList<>();
  final List<InetSocketAddress> clusterAddresses = new ArrayList<>();

  @AfterEach
  void stopAll() throws Exception {
    for (int i = running.size() - 1; i >= 0; i--) {
      running.get(i).close();
    }
  }

  private void startClusters(int count) throws Exception {
    for (int i = 0; i < count; i++) {
      Path folder = Files.createDirectories(directory.resolve("cluster-" + (char) ('a' + i)));
      Path store = Files.createDirectories(folder.resolve("store"));
      RunningGateway cluster = RunningGateway.start(TestConfigs.gateway(folder, store));
      running.add(cluster);
      clusterStores.add(store);
      clusterAddresses.add(cluster.address("tftp"));
    }
  }

  private List<RemoteCluster> clusters() {
    List<RemoteCluster> clusters = new ArrayList<>();
    for (int i = 0; i < clusterAddresses.size(); i++) {
      clusters.add(TestConfigs.cluster("cluster-" + (char) ('a' + i), clusterAddresses.get(i)));
    }
    return clusters;
  }

  private RunningGateway startProxy(String name, List<RemoteCluster> clusters, UpstreamSettings upstream) throws Exception {
    Path folder = Files.createDirectories(directory.resolve(name));
    Path store = Files.createDirectories(folder.resolve("store"));
    GatewayConfig config = TestConfigs.withUpstream(TestConfigs.withClusters(TestConfigs.gateway(folder, store), clusters), upstream);
    RunningGateway proxy = RunningGateway.start(config);
    running.add(proxy);
    return proxy;
  }

  private RunningGateway startProxy(List<RemoteCluster> clusters) throws Exception {
    return startProxy("proxy", clusters, TestConfigs.upstream());
  }

  private static double requestsTo(RunningGateway proxy, String cluster) {
    return proxy.instance(MeterRegistry.class).counter("upstream.requests", "cluster", cluster).count();
  }

  @Test
  void deviceFileComesFromTheClusterThatHasIt() throws Exception {
    startClusters(3);
    byte[] content = TftpTestFiles.write(clusterStores.get(1), PHONE, 13_000);
    RunningGateway proxy = startProxy(clusters());
    assertArrayEquals(content, RawTftpClient.download(proxy.address("tftp"), PHONE));
    assertEquals("cluster-b", proxy.instance(DeviceIndex.class).lookup("001956A3A472").orElseThrow().clusterId());
  }

  @Test
  void secondRequestGoesStraightToTheHomeCluster() throws Exception {
    startClusters(3);
    byte[] content = TftpTestFiles.write(clusterStores.get(1), PHONE, 13_000);
    RunningGateway proxy = startProxy(clusters());
    RawTftpClient.download(proxy.address("tftp"), PHONE);
    double askedA = requestsTo(proxy, "cluster-a");
    double askedB = requestsTo(proxy, "cluster-b");
    double askedC = requestsTo(proxy, "cluster-c");
    assertArrayEquals(content, RawTftpClient.download(proxy.address("tftp"), PHONE));
    assertEquals(askedA, requestsTo(proxy, "cluster-a"));
    assertEquals(askedB + 1, requestsTo(proxy, "cluster-b"));
    assertEquals(askedC, requestsTo(proxy, "cluster-c"));
  }

  @Test
  void movedPhoneGetsItsNewHomesFileAtOnce() throws Exception {
    startClusters(3);
    TftpTestFiles.write(clusterStores.get(1), PHONE, 13_000);
    RunningGateway proxy = startProxy(clusters());
    RawTftpClient.download(proxy.address("tftp"), PHONE);
    Files.delete(clusterStores.get(1).resolve(PHONE));
    byte[] moved = TftpTestFiles.write(clusterStores.get(2), PHONE, 9_000);
    assertArrayEquals(moved, RawTftpClient.download(proxy.address("tftp"), PHONE));
    assertEquals("cluster-c", proxy.instance(DeviceIndex.class).lookup("001956A3A472").orElseThrow().clusterId());
  }

  @Test
  void deviceFileComesFromATftpdHpaCluster() throws Exception {
    startClusters(1);
    Path hpaRoot = Files.createDirectories(directory.resolve("hpa-root"));
    byte[] content = TftpTestFiles.write(hpaRoot, PHONE, 13_000);
    try (TftpdHpa hpa = TftpdHpa.start(hpaRoot)) {
      List<RemoteCluster> clusters = new ArrayList<>(clusters());
      clusters.add(TestConfigs.cluster("hpa", hpa.address()));
      RunningGateway proxy = startProxy(clusters);
      assertArrayEquals(content, RawTftpClient.download(proxy.address("tftp"), PHONE));
      assertEquals("hpa", proxy.instance(DeviceIndex.class).lookup("001956A3A472").orElseThrow().clusterId());
    }
  }

  @Test
  void upstreamDyingMidTransferCachesNothingCorruptAndTheFileComesFromElsewhere() throws Exception {
    startClusters(1);
    byte[] load = TftpTestFiles.write(clusterStores.get(0), "P0030801SR02.loads", 5_000);
    try (DyingUpstream dying = new DyingUpstream()) {
      List<RemoteCluster> clusters = new ArrayList<>(clusters());
      clusters.add(TestConfigs.cluster("dying", dying.address()));
      RunningGateway proxy = startProxy(clusters);
      assertArrayEquals(load, RawTftpClient.download(proxy.address("tftp"), "P0030801SR02.loads"));
      // Whichever address won the race, the cache holds the whole, right file.
      ContentCache cache = proxy.instance(ContentCache.class);
      try (ResolvedFile cached = cache.open("P0030801SR02.loads").orElseThrow()) {
        assertEquals(load.length, cached.size());
      }
      assertEquals(TftpTestFiles.sha256Hex(load), cache.entry("P0030801SR02.loads").orElseThrow().sha256());
    }
  }

  @Test
  void largeFileReachesThePhoneWhileItIsStillArriving() throws Exception {
    byte[] load = TftpTestFiles.randomBytes(2 << 20, 11);
    try (GatedUpstream gated = new GatedUpstream(load, 1 << 20)) {
      // Patient with the held upstream: 2 s per packet, 6 sends, before the fetch gives up.
      UpstreamSettings patient = new UpstreamSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMinutes(1),
          16, 3, Duration.ofSeconds(30), Duration.ofMinutes(5));
      RunningGateway proxy = startProxy("proxy", List.of(TestConfigs.cluster("gated", gated.address())), patient);
      try (RawTftpClient phone = new RawTftpClient(proxy.address("tftp"))) {
        phone.readRequest("P0030801SR02.sbn");
        // The upstream has sent only the first half and waits: the phone gets blocks already.
        java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
        for (int block = 1; block <= 1024; block++) {
          digest.update(bytes(phone.receiveData(block)));
          phone.ack(block);
        }
        assertTrue(gated.stillHolding(), "the upstream already sent everything");
        gated.release();
        for (int block = 1025; ; block++) {
          byte[] payload = bytes(phone.receiveData(block & 0xFFFF));
          digest.update(payload);
          phone.ack(block & 0xFFFF);
          if (payload.length < 512) {
            break;
          }
        }
        assertArrayEquals(sha256(load), digest.digest());
      }
    }
  }

  private static byte[] bytes(DataPacket data) {
    byte[] payload = new byte[data.payload().remaining()];
    data.payload().get(payload);
    return payload;
  }

  /**
   * An upstream that announces a file's size, sends it in lock-step up to a gate, and sends the
   * rest only when the test releases it.
   */
  static final class GatedUpstream implements AutoCloseable {
    private final DatagramSocket listener = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    private final DatagramSocket transfer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    private final java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
    private final byte[] content;
    private final int gateAt;
    private volatile boolean holding = true;
    private final Thread thread = new Thread(this::serve, "gated-upstream");

    GatedUpstream(byte[] content, int gateAt) throws IOException {
      this.content = content;
      this.gateAt = gateAt;
      transfer.setSoTimeout(10_000);
      thread.setDaemon(true);
      thread.start();
    }

    InetSocketAddress address() {
      return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    boolean stillHolding() {
      return holding;
    }

    void release() {
      holding = false;
      gate.countDown();
    }

    private void serve() {
      try {
        byte[] buffer = new byte[2048];
        java.net.DatagramPacket request = new java.net.DatagramPacket(buffer, buffer.length);
        listener.receive(request);
        java.net.SocketAddress peer = request.getSocketAddress();
        // Only tsize is acknowledged: the fetch runs in 512-byte lock-step.
        send(new OptionAckPacket(Map.of("tsize", Integer.toString(content.length))), peer);
        awaitAck(0);
        int blocks = content.length / 512 + 1;
        for (int block = 1; block <= blocks; block++) {
          int from = (block - 1) * 512;
          if (from >= gateAt && holding) {
            gate.await(30, TimeUnit.SECONDS);
          }
          int length = Math.min(512, content.length - from);
          byte[] payload = java.util.Arrays.copyOfRange(content, from, from + length);
          send(new DataPacket(block & 0xFFFF, java.nio.ByteBuffer.wrap(payload)), peer);
          awaitAck(block & 0xFFFF);
        }
      } catch (IOException | InterruptedException over) {
        // the test is over
      }
    }

    private void send(io.proxytftp.tftp.codec.TftpPacket packet, java.net.SocketAddress peer) throws IOException {
      java.nio.ByteBuffer bytes = io.proxytftp.tftp.codec.TftpCodec.encode(packet);
      transfer.send(new java.net.DatagramPacket(bytes.array(), bytes.arrayOffset(), bytes.remaining(), peer));
    }

    private void awaitAck(int block) throws IOException {
      byte[] buffer = new byte[64];
      while (true) {
        java.net.DatagramPacket datagram = new java.net.DatagramPacket(buffer, buffer.length);
        transfer.receive(datagram);
        if (datagram.getLength() >= 4 && buffer[1] == 4 && (((buffer[2] & 0xFF) << 8) | (buffer[3] & 0xFF)) == block) {
          return;
        }
      }
    }

    @Override
    public void close() {
      gate.countDown();
      listener.close();
      transfer.close();
    }
  }

  /** An upstream that starts sending a file in lock-step and falls silent after its first block. */
  static final class DyingUpstream implements AutoCloseable {
    private final DatagramSocket listener = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    private final DatagramSocket transfer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    private final Thread thread = new Thread(this::serve, "dying-upstream");

    DyingUpstream() throws IOException {
      thread.setDaemon(true);
      thread.start();
    }

    InetSocketAddress address() {
      return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    private void serve() {
      byte[] buffer = new byte[2048];
      try {
        while (!listener.isClosed()) {
          java.net.DatagramPacket request = new java.net.DatagramPacket(buffer, buffer.length);
          listener.receive(request);
          // Ignores options (plain RFC 1350) and sends one full block; then nothing more, ever.
          java.nio.ByteBuffer data = io.proxytftp.tftp.codec.TftpCodec.encode(
              new DataPacket(1, java.nio.ByteBuffer.wrap(new byte[512])));
          transfer.send(new java.net.DatagramPacket(data.array(), data.arrayOffset(), data.remaining(),
              request.getSocketAddress()));
        }
      } catch (IOException closed) {
        // the test is over
      }
    }

    @Override
    public void close() {
      listener.close();
      transfer.close();
    }
  }

  @Test
  void fileWithoutMacComesFromThePhonesHomeClusterFirst() throws Exception {
    startClusters(3);
    TftpTestFiles.write(clusterStores.get(1), PHONE, 4_000);
    TftpTestFiles.write(clusterStores.get(0), "SKdemo.xml.sgn", 3_000);
    byte[] homeCopy = TftpTestFiles.write(clusterStores.get(1), "SKdemo.xml.sgn", 3_001);
    RunningGateway proxy = startProxy(clusters());
    RawTftpClient.download(proxy.address("tftp"), PHONE); // teaches the proxy that this address's phone lives in cluster-b
    double askedA = requestsTo(proxy, "cluster-a");
    assertArrayEquals(homeCopy, RawTftpClient.download(proxy.address("tftp"), "SKdemo.xml.sgn"));
    assertEquals(askedA, requestsTo(proxy, "cluster-a"));
  }

  @Test
  void otherFilesComeFromTheCacheOnceFetched() throws Exception {
    startClusters(2);
    byte[] load = TftpTestFiles.write(clusterStores.get(0), "P0030801SR02.loads", 600);
    RunningGateway proxy = startProxy(clusters());
    assertArrayEquals(load, RawTftpClient.download(proxy.address("tftp"), "P0030801SR02.loads"));
    double asked = requestsTo(proxy, "cluster-a") + requestsTo(proxy, "cluster-b");
    assertArrayEquals(load, RawTftpClient.download(proxy.address("tftp"), "P0030801SR02.loads"));
    assertEquals(asked, requestsTo(proxy, "cluster-a") + requestsTo(proxy, "cluster-b"));
  }

  @Test
  void fileNoAnsweringClusterHasWhileOneIsSilentIsATransientErrorAfterTheSearchTimeoutOnly() throws Exception {
    startClusters(2);
    try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      List<RemoteCluster> clusters = new ArrayList<>(clusters());
      clusters.add(TestConfigs.cluster("silent", (InetSocketAddress) silent.getLocalSocketAddress()));
      // The silent cluster alone would take 6 s to give up (1 s x 6 sends); the search gives up after 2 s.
      UpstreamSettings patient = new UpstreamSettings(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMinutes(1),
          16, 3, Duration.ofSeconds(30), Duration.ofMinutes(5));
      RunningGateway proxy = startProxy("proxy", clusters, patient);
      long started = System.nanoTime();
      try (RawTftpClient client = new RawTftpClient(proxy.address("tftp"))) {
        client.readRequest("SEP0000000000AA.cnf.xml");
        // The silent cluster may hold it: not "file not found" (remembered 30 s), but error 0 at once.
        client.expectError(TftpError.NOT_DEFINED);
      }
      long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      assertTrue(elapsedMillis < 5_000, "answered after " + elapsedMillis + " ms");
    }
  }

  @Test
  void indexSurvivesARestartOfTheProxy() throws Exception {
    startClusters(3);
    TftpTestFiles.write(clusterStores.get(2), PHONE, 5_000);
    RunningGateway proxy = startProxy(clusters());
    RawTftpClient.download(proxy.address("tftp"), PHONE);
    proxy.close();
    running.remove(proxy);
    RunningGateway restarted = startProxy(clusters());
    RawTftpClient.download(restarted.address("tftp"), PHONE);
    assertEquals(0.0, requestsTo(restarted, "cluster-a"));
    assertEquals(1.0, requestsTo(restarted, "cluster-c"));
  }

  @Test
  void twoProxiesListingEachOtherAnswerNotFoundWithoutLooping() throws Exception {
    try (DatagramSocket first = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        DatagramSocket second = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      // Reserve two ports, then start each proxy on one, listing the other.
      InetSocketAddress firstAddress = (InetSocketAddress) first.getLocalSocketAddress();
      InetSocketAddress secondAddress = (InetSocketAddress) second.getLocalSocketAddress();
      first.close();
      second.close();
      RunningGateway proxyOne = startOn("one", firstAddress, List.of(TestConfigs.cluster("two", secondAddress)));
      startOn("two", secondAddress, List.of(TestConfigs.cluster("one", firstAddress)));
      long started = System.nanoTime();
      try (RawTftpClient client = new RawTftpClient(proxyOne.address("tftp"))) {
        client.readRequest("SEP0000000000BB.cnf.xml");
        client.expectError(TftpError.FILE_NOT_FOUND);
      }
      long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      assertTrue(elapsedMillis < TestConfigs.upstream().searchTimeout().toMillis(),
          "the loop was not cut short: " + elapsedMillis + " ms");
    }
  }

  private RunningGateway startOn(String name, InetSocketAddress address, List<RemoteCluster> clusters) throws Exception {
    Path folder = Files.createDirectories(directory.resolve(name));
    Path store = Files.createDirectories(folder.resolve("store"));
    GatewayConfig base = TestConfigs.gateway(folder, store);
    io.proxytftp.config.ListenerSettings tftp = new io.proxytftp.config.ListenerSettings(true, address.getAddress(), address.getPort());
    GatewayConfig config = new GatewayConfig(base.source(), base.gateway(),
        new io.proxytftp.config.Listeners(tftp, base.listeners().http(), base.listeners().sftp(), base.listeners().admin()),
        base.limits(), base.caches(), base.upstream(), base.identity(), base.signing(), base.admin(), base.sftp(),
        clusters);
    RunningGateway proxy = RunningGateway.start(config);
    running.add(proxy);
    return proxy;
  }

  @Test
  void fiftyConcurrentPhonesCauseOneUpstreamFetchOfALargeLoad() throws Exception {
    startClusters(2);
    byte[] load = TftpTestFiles.write(clusterStores.get(1), "P0030801SR02.sbn", 40 << 20);
    RunningGateway proxy = startProxy(clusters());
    InetSocketAddress server = proxy.address("tftp");
    byte[] expected = sha256(load);
    List<CompletableFuture<byte[]>> downloads = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      // Ten phone addresses, five phones each: within the per-address limit.
      InetAddress phone = InetAddress.getByName("127.0.0." + (2 + i % 10));
      downloads.add(CompletableFuture.supplyAsync(() -> {
        try {
          return windowedDownloadDigest(server, phone, "P0030801SR02.sbn");
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }));
    }
    for (CompletableFuture<byte[]> download : downloads) {
      assertArrayEquals(expected, download.get(120, TimeUnit.SECONDS));
    }
    assertEquals(1.0, proxy.instance(MeterRegistry.class).counter("upstream.searches").count());
    assertEquals(1.0, requestsTo(proxy, "cluster-b"));
  }

  private static byte[] sha256(byte[] bytes) throws java.security.NoSuchAlgorithmException {
    return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
  }

  /**
   * A download with large windowed blocks, so that 50 of them stay quick on two cores; returns the
   * SHA-256 of what arrived rather than holding 50 copies.
   */
  private static byte[] windowedDownloadDigest(InetSocketAddress server, InetAddress phone, String name) throws IOException {
    int blockSize = 16384;
    int window = 4;
    try (RawTftpClient client = new RawTftpClient(server, phone)) {
      client.readRequest(name, TransferMode.OCTET,
          Map.of("blksize", Integer.toString(blockSize), "windowsize", Integer.toString(window), "timeout", "1"));
      // The first answer waits for the proxy's one upstream fetch of the whole load.
      assertTrue(client.poll(Duration.ofSeconds(60)).orElseThrow().packet() instanceof OptionAckPacket);
      client.ack(0);
      java.security.MessageDigest out;
      try {
        out = java.security.MessageDigest.getInstance("SHA-256");
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
      long expected = 1;
      while (true) {
        DataPacket data = client.receive(DataPacket.class);
        if (data.block() != (expected & 0xFFFF)) {
          // A gap (a block lost under load) or a copy: report the last block received in order
          // (RFC 7440), the server restarts its window after it.
          client.ack((int) ((expected - 1) & 0xFFFF));
          continue;
        }
        int length = data.payload().remaining();
        byte[] payload = new byte[length];
        data.payload().get(payload);
        out.update(payload);
        if (length < blockSize || expected % window == 0) {
          client.ack(data.block());
        }
        if (length < blockSize) {
          return out.digest();
        }
        expected++;
      }
    }
  }
}
