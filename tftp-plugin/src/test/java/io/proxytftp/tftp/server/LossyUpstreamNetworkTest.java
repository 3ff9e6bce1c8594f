package io.proxytftp.tftp.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxytftp.cache.ContentCache;
import io.proxytftp.config.GatewayConfig;
import io.proxytftp.testing.LossyUdpRelay;
import io.proxytftp.testing.RunningGateway;
import io.proxytftp.testing.TestConfigs;
import io.proxytftp.testing.TftpdHpa;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path lossy: phone to proxy across one {@link LossyUdpRelay}, proxy to its cluster across
 * another, the cluster a real tftpd-hpa (lock-step: it does not know windowsize) or another gateway
 * (windowed, blksize 1428, windowsize 16). Every file reaches the phone byte for byte, and the cache
 * holds the right bytes.
 */
class LossyUpstreamNetworkTest {
  static final LossyUdpRelay.Faults FAULTS = LossyPhoneNetworkTest.FAULTS;
  /** The phone waits for the proxy's whole fetch of a small file before its first block. */
  static final Duration FETCH_PATIENCE = Duration.ofSeconds(30);

  @TempDir Path directory;
  private final List<AutoCloseable> running = new ArrayList<>();
  private RunningGateway proxy;

  @AfterEach
  void stopAll() throws Exception {
    for (int i = running.size() - 1; i >= 0; i--) {
      running.get(i).close();
    }
  }

  private <T extends AutoCloseable> T started(T closeable) {
    running.add(closeable);
    return closeable;
  }

  /** A proxy whose one cluster is behind {@code upstreamRelay}, itself behind a relay of its own; returns that one. */
  private LossyUdpRelay proxyBehindRelay(LossyUdpRelay upstreamRelay) throws Exception {
    Path folder = Files.createDirectories(directory.resolve("proxy"));
    GatewayConfig config = TestConfigs.withClusters(
        TestConfigs.gateway(folder, Files.createDirectories(folder.resolve("store")), InetAddress.getLoopbackAddress(),
            LossyPhoneNetworkTest.PATIENT),
        List.of(TestConfigs.cluster("lossy", upstreamRelay.address())));
    proxy = started(RunningGateway.start(config));
    return started(LossyUdpRelay.start(proxy.address("tftp"), FAULTS, 11));
  }

  private void assertDownloads(LossyUdpRelay phoneRelay, LossyUdpRelay upstreamRelay, PatientDownload phone,
      Path upstreamStore, int... sizes) throws Exception {
    for (int size : sizes) {
      String name = "P00308" + size + ".loads";
      byte[] content = TftpTestFiles.write(upstreamStore, name, size);
      assertArrayEquals(content, phone.from(phoneRelay.address(), name),
          () -> name + " through " + phoneRelay + " and " + upstreamRelay);
      assertEquals(TftpTestFiles.sha256Hex(content),
          proxy.instance(ContentCache.class).entry(name).orElseThrow().sha256());
    }
    for (LossyUdpRelay relay : List.of(phoneRelay, upstreamRelay)) {
      LossyUdpRelay.Counts counts = relay.counts();
      assertTrue(counts.dropped() > 0 && counts.duplicated() > 0 && counts.reordered() + counts.delayed() > 0,
          relay.toString());
    }
  }

  @Test
  void filesFromTftpdHpaReachThePhoneIntactAcrossTwoLossyHops() throws Exception {
    Path root = Files.createDirectories(directory.resolve("hpa-root"));
    TftpdHpa hpa = started(TftpdHpa.start(root));
    LossyUdpRelay upstreamRelay = started(LossyUdpRelay.start(hpa.address(), FAULTS, 12));
    LossyUdpRelay phoneRelay = proxyBehindRelay(upstreamRelay);
    // Exactly twelve blocks of the 1428 bytes tftpd-hpa grants, and an odd size.
    assertDownloads(phoneRelay, upstreamRelay, new PatientDownload(512, 1, FETCH_PATIENCE), root, 1428 * 12, 9_001);
  }

  @Test
  void filesFromAnotherGatewayReachThePhoneIntactAcrossTwoLossyHops() throws Exception {
    StoreGateway cluster = started(StoreGateway.start(directory.resolve("cluster"), LossyPhoneNetworkTest.PATIENT));
    LossyUdpRelay upstreamRelay = started(LossyUdpRelay.start(cluster.tftp(), FAULTS, 13));
    LossyUdpRelay phoneRelay = proxyBehindRelay(upstreamRelay);
    // Exactly four windows; an odd size; and one large enough to reach the phone while it arrives.
    assertDownloads(phoneRelay, upstreamRelay, new PatientDownload(1428, 16, FETCH_PATIENCE), cluster.store(),
        1428 * 16 * 4, 200_001, 1_500_000);
  }
}
