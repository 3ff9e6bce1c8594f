package io.proxytftp.tftp.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.proxytftp.cache.CacheEntry;
import io.proxytftp.cache.ContentCache;
import io.proxytftp.config.GatewayConfig;
import io.proxytftp.config.IdentitySource;
import io.proxytftp.config.RemoteCluster;
import io.proxytftp.config.SignatureTrust;
import io.proxytftp.config.SigningSettings;
import io.proxytftp.signing.CommonFiles;
import io.proxytftp.signing.HashAlgorithm;
import io.proxytftp.signing.SignedFile;
import io.proxytftp.signing.SignedFileWriter;
import io.proxytftp.signing.TrustFunction;
import io.proxytftp.signing.TrustList;
import io.proxytftp.signing.TrustRecord;
import io.proxytftp.testing.RunningGateway;
import io.proxytftp.testing.TestConfigs;
import io.proxytftp.testing.TestIdentity;
import io.proxytftp.testing.TftpdHpa;
import io.proxytftp.tftp.codec.ErrorPacket;
import io.proxytftp.tftp.codec.TftpError;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What phones behind the gateway can verify, end to end over TFTP: common files re-signed with the
 * gateway's key, device files passed through untouched, the gateway's own trust list, and nothing
 * signed that did not verify upstream. The clusters are proxytftp instances with identities of
 * their own (which sign the unsigned ring lists in their stores, as CUCM does) and tftpd-hpa.
 */
class SigningResolutionTest {
  static final String RING_LIST = "RingList.xml.sgn";
  static final String OLD_RING_LIST = "<CiscoIPPhoneRingList><Ring>old</Ring></CiscoIPPhoneRingList>\n";
  static final String NEW_RING_LIST = "<CiscoIPPhoneRingList><Ring>new</Ring><Ring>two</Ring></CiscoIPPhoneRingList>\n";

  @TempDir Path directory;
  final List<AutoCloseable> running = new ArrayList<>();

  @AfterEach
  void stopAll() throws Exception {
    for (int i = running.size() - 1; i >= 0; i--) {
      running.get(i).close();
    }
  }

  /** A cluster: a proxytftp instance with its own identity, serving its store. */
  private record Cluster(String id, IdentitySource.PemFiles identity, Path store, InetSocketAddress address) {
    X509Certificate certificate() {
      return TestIdentity.certificate(identity);
    }

    RemoteCluster trusted(String release) {
      return TestConfigs.withSigning(TestConfigs.cluster(id, address), release,
          new SignatureTrust(Optional.of(certificate()), false));
    }
  }

  private Cluster startCluster(String id) throws Exception {
    Path folder = Files.createDirectories(directory.resolve(id));
    Path store = Files.createDirectories(folder.resolve("store"));
    IdentitySource.PemFiles identity = TestIdentity.named(id);
    RunningGateway cluster = RunningGateway.start(TestConfigs.withIdentity(TestConfigs.gateway(folder, store), identity));
    running.add(cluster);
    return new Cluster(id, identity, store, cluster.address("tftp"));
  }

  private RunningGateway startProxy(String name, List<RemoteCluster> clusters, Duration revalidateAfter) throws Exception {
    Path folder = Files.createDirectories(directory.resolve(name));
    Path store = Files.createDirectories(folder.resolve("store"));
    GatewayConfig config = TestConfigs.withClusters(TestConfigs.gateway(folder, store), clusters);
    config = TestConfigs.withSigning(config,
        new SigningSettings(HashAlgorithm.SHA512, revalidateAfter, CommonFiles.DEFAULT_PATTERNS));
    RunningGateway proxy = RunningGateway.start(config);
    running.add(proxy);
    return proxy;
  }

  private RunningGateway startProxy(List<RemoteCluster> clusters) throws Exception {
    return startProxy("proxy", clusters, Duration.ofMinutes(10));
  }

  private static X509Certificate gatewayCertificate() {
    return TestIdentity.certificate(TestIdentity.shared());
  }

  private static ErrorPacket error(InetSocketAddress server, String name, TftpError expected) throws IOException {
    try (RawTftpClient client = new RawTftpClient(server)) {
      client.readRequest(name);
      return client.expectError(expected);
    }
  }

  private static byte[] signedBy(IdentitySource.PemFiles identity, byte[] body, String fileName) throws Exception {
    PrivateKey key = TestIdentity.load(identity).privateKey();
    return SignedFileWriter.sign(body, fileName, key, TestIdentity.certificate(identity), HashAlgorithm.SHA1,
        Instant.parse("2026-01-01T00:00:00Z"));
  }

  private static List<String> cachedNames(RunningGateway proxy) {
    return proxy.instance(ContentCache.class).entries().stream().map(CacheEntry::name).toList();
  }

  @Test
  void ringListIsReSignedWithTheGatewaysKeyAndNoLongerTheClusters() throws Exception {
    Cluster b = startCluster("cluster-b");
    Files.writeString(b.store().resolve("RingList.xml"), NEW_RING_LIST);
    RunningGateway proxy = startProxy(List.of(b.trusted("14.0.1")));

    SignedFile served = SignedFile.parse(RawTftpClient.download(proxy.address("tftp"), RING_LIST));

    assertTrue(served.verifiesWith(gatewayCertificate()));
    assertFalse(served.verifiesWith(b.certificate()));
    assertArrayEquals(NEW_RING_LIST.getBytes(StandardCharsets.UTF_8), served.body());
    assertEquals("RingList.xml", served.fileName().orElseThrow());
    assertTrue(served.signerName().contains("CN=test-gateway"), served.signerName());
  }

  @Test
  void commonFileComesFromTheClusterOnTheHighestRelease() throws Exception {
    Cluster a = startCluster("cluster-a");
    Cluster b = startCluster("cluster-b");
    Files.writeString(a.store().resolve("RingList.xml"), OLD_RING_LIST);
    Files.writeString(b.store().resolve("RingList.xml"), NEW_RING_LIST);
    RunningGateway proxy = startProxy(List.of(a.trusted("12.5(1)SU3"), b.trusted("14.0.1.13900-155")));

    byte[] body = SignedFile.parse(RawTftpClient.download(proxy.address("tftp"), RING_LIST)).body();

    assertEquals(NEW_RING_LIST, new String(body, StandardCharsets.UTF_8));
    MeterRegistry meters = proxy.instance(MeterRegistry.class);
    assertEquals(0, meters.counter("upstream.requests", "cluster", "cluster-a").count(), "the older release is not asked");
  }

  @Test
  void commonFileMissingOnTheHighestReleaseComesFromAnOlderOne() throws Exception {
    Cluster a = startCluster("cluster-a");
    Cluster b = startCluster("cluster-b");
    Files.writeString(a.store().resolve("Ringlist-wb.xml"), OLD_RING_LIST);
    RunningGateway proxy = startProxy(List.of(a.trusted("12.5"), b.trusted("14.0")));

    byte[] body = SignedFile.parse(RawTftpClient.download(proxy.address("tftp"), "Ringlist-wb.xml.sgn")).body();

    assertEquals(OLD_RING_LIST, new String(body, StandardCharsets.UTF_8));
  }

  @Test
  void deviceFileReachesThePhoneByteIdenticalToItsHomeClustersCopy() throws Exception {
    Cluster b = startCluster("cluster-b");
    String name = "SEP001956A3A472.cnf.xml.sgn";
    byte[] home = signedBy(b.identity(), "<device><fullConfig>true</fullConfig></device>".getBytes(StandardCharsets.UTF_8),
        "SEP001956A3A472.cnf.xml");
    Files.write(b.store().resolve(name), home);
    RunningGateway proxy = startProxy(List.of(b.trusted("14.0")));

    assertArrayEquals(home, RawTftpClient.download(proxy.address("tftp"), name));
  }

  @Test
  void defaultTrustListParsesAndVerifiesWithTheGatewaysCertificateInTheSastAndTftpRoles() throws Exception {
    RunningGateway proxy = startProxy(List.of());

    TrustList itl = TrustList.parse(RawTftpClient.download(proxy.address("tftp"), "ITLFile.tlv"));

    assertTrue(itl.verifies());
    assertEquals(gatewayCertificate(), itl.signer().orElseThrow());
    assertEquals(List.of(Optional.of(TrustFunction.SAST), Optional.of(TrustFunction.TFTP)),
        itl.records().stream().map(TrustRecord::function).toList());
    assertTrue(itl.records().stream().allMatch(record -> record.certificate().orElseThrow().equals(gatewayCertificate())));
    assertEquals("ITLFile.tlv", itl.header().fileName().orElseThrow());
    assertEquals("CTLFile.tlv", TrustList.parse(RawTftpClient.download(proxy.address("tftp"), "ctlfile.tlv")).header().fileName()
        .orElseThrow());
  }

  @Test
  void perDeviceTrustListComesFromTheHomeClusterUntouched() throws Exception {
    Cluster b = startCluster("cluster-b");
    byte[] home = TrustList.build(List.of(Map.entry(b.certificate(), TrustFunction.SAST)),
        TestIdentity.load(b.identity()).privateKey(), b.certificate(), HashAlgorithm.SHA1,
        "ITLSEP001956A3A472.tlv", Instant.parse("2026-01-01T00:00:00Z"));
    Files.write(b.store().resolve("ITLSEP001956A3A472.tlv"), home);
    RunningGateway proxy = startProxy(List.of(b.trusted("14.0")));

    assertArrayEquals(home, RawTftpClient.download(proxy.address("tftp"), "ITLSEP001956A3A472.tlv"));
    error(proxy.address("tftp"), "CTLSEP001956A3A472.tlv", TftpError.FILE_NOT_FOUND);
  }

  @Test
  void corruptUpstreamSignedFileIsNeitherReSignedNorCachedAndThePhoneGetsAnError() throws Exception {
    Cluster b = startCluster("cluster-b");
    byte[] valid = signedBy(b.identity(), NEW_RING_LIST.getBytes(StandardCharsets.UTF_8), "Ringlist-wb.xml");
    Files.write(b.store().resolve("Ringlist-wb.xml.sgn"), Arrays.copyOf(valid, 40)); // cut inside the header
    RunningGateway proxy = startProxy(List.of(b.trusted("14.0")));

    ErrorPacket error = error(proxy.address("tftp"), "Ringlist-wb.xml.sgn", TftpError.NOT_DEFINED);

    assertTrue(error.message().contains("not a valid signed file"), error.message());
    assertEquals(List.of(), cachedNames(proxy));
  }

  @Test
  void fileSignedByAKeyOtherThanTheClustersIsNeverReSigned() throws Exception {
    Cluster b = startCluster("cluster-b");
    byte[] spoofed = signedBy(TestIdentity.named("someone-else"), "<evil/>".getBytes(StandardCharsets.UTF_8), "RingList.xml");
    Files.write(b.store().resolve(RING_LIST), spoofed);
    RunningGateway proxy = startProxy(List.of(b.trusted("14.0")));

    ErrorPacket error = error(proxy.address("tftp"), RING_LIST, TftpError.NOT_DEFINED);

    assertTrue(error.message().contains("does not verify with the cluster's tftp-certificate"), error.message());
    assertEquals(List.of(), cachedNames(proxy));
    assertEquals(1, proxy.instance(MeterRegistry.class).counter("signing.refused", "cluster", "cluster-b").count());
  }

  @Test
  void clusterWithoutACertificateIsReSignedOnlyWhenTheConfigSaysSo() throws Exception {
    Cluster b = startCluster("cluster-b");
    Files.writeString(b.store().resolve("RingList.xml"), NEW_RING_LIST);
    RemoteCluster unverified = TestConfigs.withSigning(TestConfigs.cluster("cluster-b", b.address()), "14.0",
        SignatureTrust.none());
    RunningGateway refusing = startProxy("refusing", List.of(unverified), Duration.ofMinutes(10));
    ErrorPacket error = error(refusing.address("tftp"), RING_LIST, TftpError.NOT_DEFINED);
    assertTrue(error.message().contains("not marked resign-unverified"), error.message());

    RemoteCluster trusted = TestConfigs.withSigning(TestConfigs.cluster("cluster-b", b.address()), "14.0",
        new SignatureTrust(Optional.empty(), true));
    RunningGateway trusting = startProxy("trusting", List.of(trusted), Duration.ofMinutes(10));
    assertTrue(SignedFile.parse(RawTftpClient.download(trusting.address("tftp"), RING_LIST)).verifiesWith(gatewayCertificate()));
  }

  @Test
  void newContentUpstreamYieldsANewSignedCopyAndUnchangedContentIsNotSignedAgain() throws Exception {
    Cluster b = startCluster("cluster-b");
    Path ringList = b.store().resolve("RingList.xml");
    Files.writeString(ringList, OLD_RING_LIST);
    RunningGateway proxy = startProxy("proxy", List.of(b.trusted("14.0")), Duration.ofMillis(100));
    MeterRegistry meters = proxy.instance(MeterRegistry.class);
    byte[] first = RawTftpClient.download(proxy.address("tftp"), RING_LIST);

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      RawTftpClient.download(proxy.address("tftp"), RING_LIST); // a stale copy starts a revalidation
      assertTrue(meters.counter("signing.outcomes", "outcome", "unchanged").count() >= 1);
    });
    assertArrayEquals(first, RawTftpClient.download(proxy.address("tftp"), RING_LIST), "same content, same signed bytes");

    Files.writeString(ringList, NEW_RING_LIST);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(NEW_RING_LIST,
        new String(SignedFile.parse(RawTftpClient.download(proxy.address("tftp"), RING_LIST)).body(), StandardCharsets.UTF_8)));
    assertEquals(2, meters.counter("signing.outcomes", "outcome", "signed").count());
  }

  @Test
  void unsignedRequestGetsTheBodyOfTheOnlySignedCopyUpstream() throws Exception {
    IdentitySource.PemFiles hpaIdentity = TestIdentity.named("tftpd-hpa-cluster");
    Path root = Files.createDirectories(directory.resolve("hpa"));
    byte[] body = NEW_RING_LIST.getBytes(StandardCharsets.UTF_8);
    Files.write(root.resolve("Ringlist-wb.xml.sgn"), signedBy(hpaIdentity, body, "Ringlist-wb.xml"));
    try (TftpdHpa hpa = TftpdHpa.start(root)) {
      RunningGateway proxy = startProxy(List.of(hpaCluster(hpa, hpaIdentity)));

      assertArrayEquals(body, RawTftpClient.download(proxy.address("tftp"), "Ringlist-wb.xml"));
    }
  }

  private static RemoteCluster hpaCluster(TftpdHpa hpa, IdentitySource.PemFiles identity) {
    return TestConfigs.withSigning(TestConfigs.cluster("hpa", hpa.address()), "15",
        new SignatureTrust(Optional.of(TestIdentity.certificate(identity)), false));
  }

  @Test
  void localSignedFileAnswersItsUnsignedNameWithItsBody() throws Exception {
    RunningGateway proxy = startProxy(List.of());
    Path store = directory.resolve("proxy/store");
    byte[] body = "<dialRules/>".getBytes(StandardCharsets.UTF_8);
    Files.write(store.resolve("AppDialRules.xml.sgn"), signedBy(TestIdentity.named("cluster-b"), body, "AppDialRules.xml"));

    assertArrayEquals(body, RawTftpClient.download(proxy.address("tftp"), "AppDialRules.xml"));
  }

  @Test
  void signedRingListFromATftpdHpaClusterIsVerifiedAndReSigned() throws Exception {
    IdentitySource.PemFiles hpaIdentity = TestIdentity.named("tftpd-hpa-cluster");
    Path root = Files.createDirectories(directory.resolve("hpa"));
    byte[] body = NEW_RING_LIST.getBytes(StandardCharsets.UTF_8);
    Files.write(root.resolve(RING_LIST), signedBy(hpaIdentity, body, "RingList.xml"));
    try (TftpdHpa hpa = TftpdHpa.start(root)) {
      RunningGateway proxy = startProxy(List.of(hpaCluster(hpa, hpaIdentity)));

      SignedFile served = SignedFile.parse(RawTftpClient.download(proxy.address("tftp"), RING_LIST));

      assertTrue(served.verifiesWith(gatewayCertificate()));
      assertArrayEquals(body, served.body());
    }
  }
}
