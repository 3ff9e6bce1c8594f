package io.proxytftp.cluster;

import static io.proxytftp.cluster.Clusters.at;
import static io.proxytftp.cluster.Clusters.manual;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.proxytftp.config.ConfigException;
import io.proxytftp.config.GatewayConfig;
import io.proxytftp.config.RemoteCluster;
import io.proxytftp.config.ServiceAddress;
import io.proxytftp.lifecycle.WorkerPool;
import io.proxytftp.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterCatalogTest {
  static final Duration LONG_REFRESH = Duration.ofHours(1);

  @TempDir Path directory;
  final WorkerPool workers = new WorkerPool();
  final MeterRegistry meters = new SimpleMeterRegistry();
  final List<ClusterRegistry> registries = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (ClusterRegistry registry : registries) {
      registry.stop(Duration.ofSeconds(1));
    }
    workers.stop(Duration.ofSeconds(1));
  }

  private GatewayConfig config(RemoteCluster... clusters) {
    return Clusters.config(directory, LONG_REFRESH, clusters);
  }

  private ClusterCatalog started(GatewayConfig config) throws ConfigException {
    ClusterCatalog catalog = new ClusterCatalog(config);
    catalog.start();
    return catalog;
  }

  @Test
  void withoutASavedListTheConfigurationsClustersAreTheCatalog() throws Exception {
    ClusterCatalog catalog = started(config(manual("a", new ServiceAddress("10.0.0.1", 69))));
    assertEquals(List.of("a"), catalog.clusters().stream().map(RemoteCluster::clusterId).toList());
    assertEquals("the configuration", catalog.source());
  }

  @Test
  void changesAreSavedAndAStartBeginsWithThem() throws Exception {
    GatewayConfig config = config(manual("a", new ServiceAddress("10.0.0.1", 69)));
    ClusterCatalog catalog = started(config);
    assertTrue(catalog.add(manual("b", new ServiceAddress("10.0.0.2", 6969))));
    assertTrue(catalog.replace("A", manual("a", new ServiceAddress("10.0.0.9", 69))).isPresent());

    ClusterCatalog restarted = started(config);

    assertEquals(catalog.clusters(), restarted.clusters());
    assertEquals(List.of(new ServiceAddress("10.0.0.9", 69)), restarted.cluster("a").orElseThrow().services().tftp().addresses());
    assertTrue(restarted.source().endsWith(ClusterCatalog.FILE), restarted.source());
  }

  @Test
  void idsAreUniqueIgnoringCase() throws Exception {
    ClusterCatalog catalog = started(config(manual("a", new ServiceAddress("10.0.0.1", 69))));
    assertFalse(catalog.add(manual("A", new ServiceAddress("10.0.0.2", 69))));
    catalog.add(manual("b", new ServiceAddress("10.0.0.2", 69)));
    assertEquals(Optional.empty(), catalog.replace("b", manual("a", new ServiceAddress("10.0.0.3", 69))));
    assertEquals(Optional.empty(), catalog.replace("nope", manual("c", new ServiceAddress("10.0.0.3", 69))));
  }

  @Test
  void findMatchesIdOrDescriptionIgnoringCase() throws Exception {
    ClusterCatalog catalog = started(config(manual("hq-a", new ServiceAddress("10.0.0.1", 69)),
        manual("branch", new ServiceAddress("10.0.0.2", 69))));
    assertEquals(List.of("hq-a"), catalog.find("HQ").stream().map(RemoteCluster::clusterId).toList());
  }

  @Test
  void brokenSavedListStopsTheStartNamingTheFile() throws Exception {
    GatewayConfig config = config();
    Files.createDirectories(config.gateway().dataDirectory());
    Files.writeString(config.gateway().dataDirectory().resolve(ClusterCatalog.FILE), "remote-clusters: [ { name: x } ]\n");
    ConfigException e = assertThrows(ConfigException.class, () -> started(config));
    assertTrue(e.problems().get(0).file().endsWith(ClusterCatalog.FILE), e.problems().toString());
  }

  @Test
  void registryFollowsTheCatalogWithoutARestart() throws Exception {
    ClusterCatalog catalog = started(config(manual("a", new ServiceAddress("10.0.0.1", 69))));
    ClusterRegistry registry = new ClusterRegistry(catalog, config().upstream(), new TableResolver(), workers,
        new MutableClock(Instant.parse("2025-01-01T00:00:00Z")), meters);
    registries.add(registry);
    registry.start();

    catalog.add(manual("b", new ServiceAddress("10.0.0.2", 6969)));
    await().atMost(Duration.ofSeconds(5)).until(() -> registry.target("b").isPresent());
    assertEquals(List.of(at("10.0.0.2", 6969)), registry.target("b").orElseThrow().addresses());

    catalog.remove("a");
    assertEquals(Optional.empty(), registry.target("a"));
    assertEquals(List.of("b"), registry.tftpTargets().stream().map(ClusterTarget::clusterId).toList());
    assertTrue(meters.find("cluster.addresses").tag("cluster", "a").gauges().isEmpty(), "the removed cluster's gauge");
  }
}
