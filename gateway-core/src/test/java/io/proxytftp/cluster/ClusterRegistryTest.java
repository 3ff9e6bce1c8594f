package io.proxytftp.cluster;

import static io.proxytftp.cluster.Clusters.at;
import static io.proxytftp.cluster.Clusters.automatic;
import static io.proxytftp.cluster.Clusters.manual;
import static io.proxytftp.cluster.Clusters.tftpDisabled;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.proxytftp.config.GatewayConfig;
import io.proxytftp.config.RemoteCluster;
import io.proxytftp.config.ServiceAddress;
import io.proxytftp.lifecycle.WorkerPool;
import io.proxytftp.testing.MutableClock;
import io.proxytftp.testing.TestConfigs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class ClusterRegistryTest {
  private static final Duration LONG_REFRESH = Duration.ofHours(1);

  @TempDir Path directory;
  final TableResolver dns = new TableResolver();
  final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
  final MeterRegistry meters = new SimpleMeterRegistry();
  final WorkerPool workers = new WorkerPool();
  final List<ClusterRegistry> registries = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (ClusterRegistry registry : registries) {
      registry.stop(Duration.ofSeconds(1));
    }
    workers.stop(Duration.ofSeconds(1));
  }

  private ClusterRegistry registry(GatewayConfig config) {
    return new ClusterRegistry(new ClusterCatalog(config), config.upstream(), dns, workers, clock, meters);
  }

  private ClusterRegistry started(Duration dnsRefresh, RemoteCluster... clusters) throws Exception {
    ClusterRegistry registry = registry(Clusters.config(directory, dnsRefresh, clusters));
    registries.add(registry);
    registry.start();
    return registry;
  }

  private ClusterRegistry started(RemoteCluster... clusters) throws Exception {
    return started(LONG_REFRESH, clusters);
  }

  private double addressGauge(String clusterId) {
    return meters.get("cluster.addresses").tag("cluster", clusterId).gauge().value();
  }

  @Test
  void manualLiteralsAreUsedInOrderWithoutLookups() throws Exception {
    ClusterRegistry registry = started(manual("a", new ServiceAddress("10.0.0.3", 69),
        new ServiceAddress("10.0.0.1", 6969), new ServiceAddress("2001:db8::1", 69)));
    assertEquals(List.of(new ClusterTarget("a", List.of(at("10.0.0.3", 69), at("10.0.0.1", 6969),
        at("2001:db8::1", 69)), OptionalInt.empty())), registry.tftpTargets());
    assertTrue(dns.asked.isEmpty(), "asked DNS for " + dns.asked);
    assertEquals(3, addressGauge("a"));
  }

  @Test
  void theTargetCarriesTheHttpPortItsAddressesServeFilesOn() throws Exception {
    dns.answer("cucm-b.example.com", "10.0.0.4");
    ClusterRegistry registry = started(TestConfigs.withHttpPort(manual("a", new ServiceAddress("10.0.0.1", 69)), 6970),
        TestConfigs.withHttpPort(automatic("b", "cucm-b.example.com"), 8080),
        manual("c", new ServiceAddress("10.0.0.3", 69)));
    assertEquals(List.of(OptionalInt.of(6970), OptionalInt.of(8080), OptionalInt.empty()),
        registry.tftpTargets().stream().map(ClusterTarget::httpPort).toList());
  }

  @Test
  void manualHostNameGivesItsFirstAddressWithTheConfiguredPort() throws Exception {
    dns.answer("tftp-a.example.com", "10.0.0.7", "10.0.0.8");
    ClusterRegistry registry = started(manual("a", new ServiceAddress("10.0.0.1", 69),
        new ServiceAddress("tftp-a.example.com", 6969)));
    assertEquals(List.of(at("10.0.0.1", 69), at("10.0.0.7", 6969)), registry.target("a").orElseThrow().addresses());
  }

  @Test
  void automaticTakesTheFirstThreeRecordsOnPort69() throws Exception {
    dns.answer("cucm-a.example.com", "10.0.0.4", "2001:db8::4", "10.0.0.5", "10.0.0.6");
    ClusterRegistry registry = started(automatic("a", "cucm-a.example.com"));
    assertEquals(List.of(at("10.0.0.4", 69), at("2001:db8::4", 69), at("10.0.0.5", 69)),
        registry.target("a").orElseThrow().addresses());
    assertEquals(List.of("cucm-a.example.com"), List.copyOf(dns.asked));
  }

  @Test
  void clustersWithoutAnEnabledTftpServiceNeverAppear() throws Exception {
    ClusterRegistry registry = started(
        manual("a", new ServiceAddress("10.0.0.1", 69)),
        tftpDisabled("off", new ServiceAddress("10.0.0.2", 69)),
        manual("c", new ServiceAddress("10.0.0.3", 69)));
    assertEquals(List.of("a", "c"), registry.tftpTargets().stream().map(ClusterTarget::clusterId).toList());
    assertEquals(Optional.empty(), registry.target("off"));
    assertEquals(Optional.empty(), registry.lastUpdate("off"));
    assertTrue(meters.find("cluster.addresses").tag("cluster", "off").gauge() == null);
  }

  @Test
  void targetIgnoresTheCaseOfTheClusterId() throws Exception {
    ClusterRegistry registry = started(manual("Cluster-A", new ServiceAddress("10.0.0.1", 69)));
    assertEquals("Cluster-A", registry.target("cluster-a").orElseThrow().clusterId());
    assertEquals(registry.target("CLUSTER-A"), registry.target("Cluster-A"));
    assertEquals(Optional.empty(), registry.target("cluster-b"));
  }

  @Test
  void failedLookupKeepsTheLastAddressesAndSaysSo() throws Exception {
    dns.answer("cucm-a.example.com", "10.0.0.4");
    ClusterRegistry registry = started(automatic("a", "cucm-a.example.com"));
    Instant firstUpdate = clock.instant();
    assertEquals(Optional.of(firstUpdate), registry.lastUpdate("a"));

    ListAppender<ILoggingEvent> log = capture(ClusterLookup.class);
    dns.forget("cucm-a.example.com");
    clock.advance(Duration.ofMinutes(5));
    registry.updateNow().get(5, TimeUnit.SECONDS);

    assertEquals(List.of(at("10.0.0.4", 69)), registry.target("a").orElseThrow().addresses());
    assertEquals(1, meters.get("cluster.dns.failures").tag("cluster", "a").counter().count());
    assertEquals(1, addressGauge("a"));
    assertEquals(Optional.of(firstUpdate), registry.lastUpdate("a"), "a failed round is no update");
    ILoggingEvent warning = log.list.get(0);
    assertEquals(Level.WARN, warning.getLevel());
    assertTrue(warning.getFormattedMessage().contains("cluster a")
        && warning.getFormattedMessage().contains("cucm-a.example.com"), warning.getFormattedMessage());
  }

  @Test
  void failedFirstLookupLeavesTheClusterOutUntilANameResolves() throws Exception {
    ClusterRegistry registry = started(manual("a", new ServiceAddress("tftp-a.example.com", 69)));
    assertEquals(List.of(), registry.tftpTargets());
    assertEquals(1, meters.get("cluster.dns.failures").tag("cluster", "a").counter().count());
    assertEquals(0, addressGauge("a"));
    assertEquals(Optional.empty(), registry.lastUpdate("a"));

    assertEquals(1, registry.lookupFailures("a").size());
    assertTrue(registry.lookupFailures("a").get(0).startsWith("looking up tftp-a.example.com failed"),
        registry.lookupFailures("a").toString());

    dns.answer("tftp-a.example.com", "10.0.0.9");
    registry.updateNow().get(5, TimeUnit.SECONDS);
    assertEquals(List.of(at("10.0.0.9", 69)), registry.target("a").orElseThrow().addresses());
    assertEquals(List.of(), registry.lookupFailures("a"), "a round that answered clears the failure");
  }

  @Test
  void failingManualNameKeepsItsOwnLastAddressWhileOthersUpdate() throws Exception {
    dns.answer("one.example.com", "10.0.0.1");
    dns.answer("two.example.com", "10.0.0.2");
    ClusterRegistry registry = started(manual("a", new ServiceAddress("one.example.com", 69),
        new ServiceAddress("two.example.com", 69)));
    dns.forget("one.example.com");
    dns.answer("two.example.com", "10.0.0.22");
    registry.updateNow().get(5, TimeUnit.SECONDS);
    assertEquals(List.of(at("10.0.0.1", 69), at("10.0.0.22", 69)), registry.target("a").orElseThrow().addresses());
  }

  @Test
  void updateNowPicksUpChangedAnswers() throws Exception {
    dns.answer("cucm-a.example.com", "10.0.0.4");
    ClusterRegistry registry = started(automatic("a", "cucm-a.example.com"));
    dns.answer("cucm-a.example.com", "10.0.1.4", "10.0.1.5");
    clock.advance(Duration.ofSeconds(30));
    registry.updateNow().get(5, TimeUnit.SECONDS);
    assertEquals(List.of(at("10.0.1.4", 69), at("10.0.1.5", 69)), registry.target("a").orElseThrow().addresses());
    assertEquals(Optional.of(clock.instant()), registry.lastUpdate("a"));
    assertEquals(2, addressGauge("a"));
  }

  @Test
  void namesAreLookedUpAgainEveryRefreshInterval() throws Exception {
    dns.answer("cucm-a.example.com", "10.0.0.4");
    ClusterRegistry registry = started(Duration.ofSeconds(1), automatic("a", "cucm-a.example.com"));
    dns.answer("cucm-a.example.com", "10.0.2.4");
    await().atMost(Duration.ofSeconds(10)).until(
        () -> registry.target("a").orElseThrow().addresses().equals(List.of(at("10.0.2.4", 69))));
  }

  @Test
  void lookupsRunOnTheWorkersNotOnTheReader() throws Exception {
    ClusterRegistry registry = registry(Clusters.config(directory, LONG_REFRESH, automatic("a", "cucm-a.example.com")));
    registries.add(registry);
    assertEquals(List.of(), registry.tftpTargets());
    assertTrue(dns.asked.isEmpty(), "reading targets asked DNS");
  }

  private static ListAppender<ILoggingEvent> capture(Class<?> type) {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    ((Logger) LoggerFactory.getLogger(type)).addAppender(appender);
    return appender;
  }
}
