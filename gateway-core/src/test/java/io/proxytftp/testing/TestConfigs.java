package io.proxytftp.testing;

import io.proxytftp.config.CacheSettings;
import io.proxytftp.config.GatewayConfig;
import io.proxytftp.config.GatewaySettings;
import io.proxytftp.config.Limits;
import io.proxytftp.config.ListenerSettings;
import io.proxytftp.config.Listeners;
import io.proxytftp.config.UpstreamSettings;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Configurations for tests: loopback listeners on port 0, folders under a test's own directory. */
public final class TestConfigs {
  private TestConfigs() {}

  /** Limits as the default configuration has them, with a short retransmission timeout. */
  public static Limits limits() {
    return new Limits(4096, 32, 65464, 64, Duration.ofMillis(200), 5, Duration.ofSeconds(5));
  }

  /** Upstream settings with short timeouts, so that tests of silent clusters stay quick. */
  public static UpstreamSettings upstream() {
    return new UpstreamSettings(Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofMinutes(1), 16, 3,
        Duration.ofSeconds(1), Duration.ofMinutes(5));
  }

  /** A gateway with every listener enabled on {@code bindAddress}, port 0, the store in {@code store}. */
  public static GatewayConfig gateway(Path directory, Path store, InetAddress bindAddress, Limits limits) {
    ListenerSettings listener = new ListenerSettings(true, bindAddress, 0);
    return new GatewayConfig(
        directory.resolve("gateway.yaml"),
        new GatewaySettings("test-gateway", directory.resolve("data"), store),
        new Listeners(listener, listener, listener),
        limits,
        new CacheSettings(64L << 20, 256L << 20, Duration.ofSeconds(30)),
        upstream(),
        List.of());
  }

  /** A gateway on IPv4 loopback with {@link #limits()}. */
  public static GatewayConfig gateway(Path directory, Path store) {
    return gateway(directory, store, InetAddress.getLoopbackAddress(), limits());
  }
}
