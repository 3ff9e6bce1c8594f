package io.proxytftp.testing;

import static org.awaitility.Awaitility.await;

import io.proxytftp.cluster.AddressText;
import io.proxytftp.cluster.ClusterCatalog;
import io.proxytftp.cluster.ClusterRegistry;
import io.proxytftp.config.GatewayConfig;
import io.proxytftp.config.RemoteCluster;
import io.proxytftp.identity.InstanceToken;
import io.proxytftp.resolve.Hop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Two real gateways on loopback with data directories and stores of their own, the second a remote
 * cluster of the first and, in a cascade both ways, the first one of the second. Every listener is
 * on port 0, so neither address is known before its gateway runs; the second therefore starts
 * alone, the first starts listing it, and the second is then given the first through its Cluster
 * View, as an admin would add it.
 */
public record CascadedGateways(RunningGateway first, RunningGateway second, Path firstStore, Path secondStore)
    implements AutoCloseable {

  /**
   * @param asCluster how a gateway is listed as a remote cluster of the other (its TFTP address,
   *     and its HTTP port when the cascade is to run over HTTP)
   */
  public static CascadedGateways start(Path directory, String firstId, String secondId,
      BiFunction<String, RunningGateway, RemoteCluster> asCluster) throws Exception {
    return start(directory, firstId, secondId, asCluster, true);
  }

  /**
   * A cascade one way: the first lists the second as its remote cluster {@code second}, the second
   * lists nobody, as a gateway in front of another usually does.
   */
  public static CascadedGateways oneWay(Path directory, String firstId, String secondId,
      BiFunction<String, RunningGateway, RemoteCluster> asCluster) throws Exception {
    return start(directory, firstId, secondId, asCluster, false);
  }

  private static CascadedGateways start(Path directory, String firstId, String secondId,
      BiFunction<String, RunningGateway, RemoteCluster> asCluster, boolean bothWays) throws Exception {
    Path secondStore = Files.createDirectories(directory.resolve("second").resolve("store"));
    Path firstStore = Files.createDirectories(directory.resolve("first").resolve("store"));
    RunningGateway second = RunningGateway.start(config(secondStore, secondId, List.of()));
    RunningGateway first = null;
    try {
      first = RunningGateway.start(config(firstStore, firstId, List.of(asCluster.apply("second", second))));
      if (bothWays) {
        second.instance(ClusterCatalog.class).add(asCluster.apply("first", first));
        await().atMost(Duration.ofSeconds(5))
            .until(() -> second.instance(ClusterRegistry.class).target("first").isPresent());
      }
      return new CascadedGateways(first, second, firstStore, secondStore);
    } catch (Exception | Error e) {
      if (first != null) {
        first.close();
      }
      second.close();
      throw e;
    }
  }

  /**
   * The warning the first gateway logs, as {@link CapturedLogs} writes it, when its remote cluster
   * {@code second} turns out to carry its own {@code gateway.id}.
   */
  public String firstWarningOfItsNamesake() {
    Hop self = first.instance(InstanceToken.class).hop();
    return "io.proxytftp.resolve.Namesakes WARN remote cluster second (" + AddressText.of(second.address("tftp"))
        + ") is a gateway with our own id " + self.gatewayId() + " (instance " + second.instance(InstanceToken.class).value()
        + "; this one is " + self.instance().orElseThrow() + "); give each gateway its own gateway.id";
  }

  private static GatewayConfig config(Path store, String id, List<RemoteCluster> clusters) {
    GatewayConfig base = TestConfigs.gateway(store.getParent(), store);
    return TestConfigs.withClusters(TestConfigs.withGatewayId(base, id), clusters);
  }

  @Override
  public void close() {
    try {
      first.close();
    } finally {
      second.close();
    }
  }
}
