package io.proxytftp.testing;

import io.proxytftp.config.AdminSettings;
import io.proxytftp.config.CacheSettings;
import io.proxytftp.config.GatewayConfig;
import io.proxytftp.config.GatewaySettings;
import io.proxytftp.config.IdentitySource;
import io.proxytftp.config.Limits;
import io.proxytftp.config.ListenerSettings;
import io.proxytftp.config.Listeners;
import io.proxytftp.config.Release;
import io.proxytftp.config.RemoteCluster;
import io.proxytftp.config.RemoteService;
import io.proxytftp.config.RemoteServices;
import io.proxytftp.config.ServiceAddress;
import io.proxytftp.config.SftpSettings;
import io.proxytftp.config.SignatureTrust;
import io.proxytftp.config.SigningSettings;
import io.proxytftp.config.TftpService;
import io.proxytftp.config.UpstreamSettings;
import io.proxytftp.signing.CommonFiles;
import io.proxytftp.signing.HashAlgorithm;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Configurations for tests: loopback listeners on port 0, folders under a test's own directory. */
public final class TestConfigs {
  private TestConfigs() {}

  /** Limits as the default configuration has them, with a short retransmission timeout. */
  public static Limits limits() {
    return new Limits(4096, 32, 65464, 64, Duration.ofMillis(200), Duration.ofSeconds(5), 5, Duration.ofSeconds(5));
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
        new GatewaySettings(id(directory), directory.resolve("data"), store),
        new Listeners(listener, listener, listener, listener),
        limits,
        new CacheSettings(64L << 20, 256L << 20, Duration.ofSeconds(30)),
        upstream(),
        TestIdentity.shared(),
        signing(),
        AdminSettings.none(),
        SftpSettings.none(),
        List.of());
  }

  /** Signing as configured by default, with SHA-512. */
  public static SigningSettings signing() {
    return new SigningSettings(HashAlgorithm.SHA512, Duration.ofMinutes(10), CommonFiles.DEFAULT_PATTERNS);
  }

  /** A gateway's id from its directory's name, so that gateways of one test never share an id. */
  private static String id(Path directory) {
    return "gw-" + directory.getFileName().toString().replaceAll("[^A-Za-z0-9.-]", "-");
  }

  /** The same configuration with these remote clusters. */
  public static GatewayConfig withClusters(GatewayConfig config, List<RemoteCluster> clusters) {
    return new GatewayConfig(config.source(), config.gateway(), config.listeners(), config.limits(), config.caches(),
        config.upstream(), config.identity(), config.signing(), config.admin(), config.sftp(), clusters);
  }

  /** The same configuration with another {@code gateway.id}, as a copied configuration file gives two gateways. */
  public static GatewayConfig withGatewayId(GatewayConfig config, String id) {
    GatewaySettings gateway = config.gateway();
    return new GatewayConfig(config.source(), new GatewaySettings(id, gateway.dataDirectory(), gateway.localStore()),
        config.listeners(), config.limits(), config.caches(), config.upstream(), config.identity(), config.signing(),
        config.admin(), config.sftp(), config.remoteClusters());
  }

  /** The same configuration with another data directory, the local store kept. */
  public static GatewayConfig withDataDirectory(GatewayConfig config, Path dataDirectory) {
    GatewaySettings gateway = config.gateway();
    return new GatewayConfig(config.source(), new GatewaySettings(gateway.id(), dataDirectory, gateway.localStore()),
        config.listeners(), config.limits(), config.caches(), config.upstream(), config.identity(), config.signing(),
        config.admin(), config.sftp(), config.remoteClusters());
  }

  /** The same configuration with other upstream settings. */
  public static GatewayConfig withUpstream(GatewayConfig config, UpstreamSettings upstream) {
    return new GatewayConfig(config.source(), config.gateway(), config.listeners(), config.limits(), config.caches(),
        upstream, config.identity(), config.signing(), config.admin(), config.sftp(), config.remoteClusters());
  }

  /** The same configuration with other listeners. */
  public static GatewayConfig withListeners(GatewayConfig config, Listeners listeners) {
    return new GatewayConfig(config.source(), config.gateway(), listeners, config.limits(), config.caches(),
        config.upstream(), config.identity(), config.signing(), config.admin(), config.sftp(), config.remoteClusters());
  }

  /** The same configuration with other limits. */
  public static GatewayConfig withLimits(GatewayConfig config, Limits limits) {
    return new GatewayConfig(config.source(), config.gateway(), config.listeners(), limits, config.caches(),
        config.upstream(), config.identity(), config.signing(), config.admin(), config.sftp(), config.remoteClusters());
  }

  /** The same configuration with other signing settings. */
  public static GatewayConfig withSigning(GatewayConfig config, SigningSettings signing) {
    return new GatewayConfig(config.source(), config.gateway(), config.listeners(), config.limits(), config.caches(),
        config.upstream(), config.identity(), signing, config.admin(), config.sftp(), config.remoteClusters());
  }

  /** The same configuration with these admin API credentials. */
  public static GatewayConfig withAdmin(GatewayConfig config, AdminSettings admin) {
    return new GatewayConfig(config.source(), config.gateway(), config.listeners(), config.limits(), config.caches(),
        config.upstream(), config.identity(), config.signing(), admin, config.sftp(), config.remoteClusters());
  }

  /** The same configuration with these SFTP users and limits. */
  public static GatewayConfig withSftp(GatewayConfig config, SftpSettings sftp) {
    return new GatewayConfig(config.source(), config.gateway(), config.listeners(), config.limits(), config.caches(),
        config.upstream(), config.identity(), config.signing(), config.admin(), sftp, config.remoteClusters());
  }

  /** The same configuration with another identity. */
  public static GatewayConfig withIdentity(GatewayConfig config, IdentitySource identity) {
    return new GatewayConfig(config.source(), config.gateway(), config.listeners(), config.limits(), config.caches(),
        config.upstream(), identity, config.signing(), config.admin(), config.sftp(), config.remoteClusters());
  }

  /** A remote cluster whose TFTP service has these manually configured addresses, other services off. */
  public static RemoteCluster cluster(String id, InetSocketAddress... tftpAddresses) {
    RemoteService off = new RemoteService(false, false, List.of());
    List<ServiceAddress> addresses = java.util.Arrays.stream(tftpAddresses)
        .map(address -> new ServiceAddress(address.getAddress().getHostAddress(), address.getPort()))
        .toList();
    return new RemoteCluster(id, "", "", new RemoteServices(off, off, off,
        new TftpService(true, true, TftpService.AddressMode.MANUAL, addresses, OptionalInt.empty())), Optional.empty(), SignatureTrust.none());
  }

  /** The same cluster, its TFTP addresses also serving the files over HTTP on {@code httpPort}. */
  public static RemoteCluster withHttpPort(RemoteCluster cluster, int httpPort) {
    TftpService tftp = cluster.services().tftp();
    RemoteServices services = cluster.services();
    return new RemoteCluster(cluster.clusterId(), cluster.description(), cluster.fullyQualifiedName(),
        new RemoteServices(services.emcc(), services.pstnAccess(), services.rsvpAgent(), new TftpService(tftp.enabled(),
            tftp.remoteActivated(), tftp.addressMode(), tftp.addresses(), OptionalInt.of(httpPort))),
        cluster.release(), cluster.trust());
  }

  /** The same cluster on a release, trusted as given. */
  public static RemoteCluster withSigning(RemoteCluster cluster, String release, SignatureTrust trust) {
    return new RemoteCluster(cluster.clusterId(), cluster.description(), cluster.fullyQualifiedName(), cluster.services(),
        Optional.of(new Release(release)), trust);
  }

  /** A gateway on IPv4 loopback with {@link #limits()}. */
  public static GatewayConfig gateway(Path directory, Path store) {
    return gateway(directory, store, InetAddress.getLoopbackAddress(), limits());
  }
}
