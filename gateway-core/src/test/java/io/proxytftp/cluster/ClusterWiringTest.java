package io.proxytftp.cluster;

import static io.proxytftp.cluster.Clusters.at;
import static io.proxytftp.cluster.Clusters.manual;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.proxytftp.config.ServiceAddress;
import io.proxytftp.lifecycle.Gateway;
import io.proxytftp.lifecycle.GatewayFactory;
import io.proxytftp.plugin.GatewayService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterWiringTest {
  @TempDir Path directory;

  @Test
  void theCoreRunsOneRegistryWithTheSystemResolverAndOneHealth() throws Exception {
    Injector injector = GatewayFactory.injector(Clusters.config(directory, Duration.ofMinutes(5),
        manual("a", new ServiceAddress("10.0.0.1", 69))), List.of());
    assertTrue(injector.getInstance(HostResolver.class) instanceof JdkHostResolver);
    assertSame(injector.getInstance(UpstreamHealth.class), injector.getInstance(UpstreamHealth.class));
    ClusterRegistry registry = injector.getInstance(ClusterRegistry.class);
    assertTrue(injector.getInstance(Key.get(new TypeLiteral<Set<GatewayService>>() {})).contains(registry));

    Gateway gateway = injector.getInstance(Gateway.class);
    gateway.start();
    try {
      assertEquals(List.of(new ClusterTarget("a", List.of(at("10.0.0.1", 69)), OptionalInt.empty())),
          registry.tftpTargets());
    } finally {
      gateway.stop(Duration.ofSeconds(1));
    }
  }
}
