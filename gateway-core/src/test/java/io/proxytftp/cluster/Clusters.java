package io.proxytftp.cluster;

import io.proxytftp.config.GatewayConfig;
import io.proxytftp.config.RemoteCluster;
import io.proxytftp.config.RemoteService;
import io.proxytftp.config.RemoteServices;
import io.proxytftp.config.ServiceAddress;
import io.proxytftp.config.SignatureTrust;
import io.proxytftp.config.TftpService.AddressMode;
import io.proxytftp.config.TftpService;
import io.proxytftp.config.UpstreamSettings;
import io.proxytftp.testing.TestConfigs;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Cluster View rows and configurations for the registry's tests. */
final class Clusters {
  private static final RemoteService OFF = new RemoteService(false, false, List.of());

  private Clusters() {}

  static RemoteCluster manual(String id, ServiceAddress... addresses) {
    return cluster(id, "", new TftpService(true, true, AddressMode.MANUAL, List.of(addresses), OptionalInt.empty()));
  }

  static RemoteCluster automatic(String id, String fullyQualifiedName) {
    return cluster(id, fullyQualifiedName, new TftpService(true, true, AddressMode.AUTOMATIC, List.of(), OptionalInt.empty()));
  }

  static RemoteCluster tftpDisabled(String id, ServiceAddress... addresses) {
    return cluster(id, "", new TftpService(false, false, AddressMode.MANUAL, List.of(addresses), OptionalInt.empty()));
  }

  static GatewayConfig config(Path directory, Duration dnsRefresh, RemoteCluster... clusters) {
    GatewayConfig base = TestConfigs.gateway(directory, directory.resolve("store"));
    UpstreamSettings upstream = base.upstream();
    return new GatewayConfig(base.source(), base.gateway(), base.listeners(), base.limits(), base.caches(),
        new UpstreamSettings(upstream.timeout(), upstream.searchTimeout(), upstream.fetchDeadline(),
            upstream.maxFetchesPerAddress(), upstream.failuresBeforeOpen(), upstream.openInterval(), dnsRefresh),
        base.identity(), base.signing(), base.admin(), base.sftp(), List.of(clusters));
  }

  static InetSocketAddress at(String literal, int port) {
    return new InetSocketAddress(TableResolver.literal(literal), port);
  }

  private static RemoteCluster cluster(String id, String fullyQualifiedName, TftpService tftp) {
    return new RemoteCluster(id, "", fullyQualifiedName, new RemoteServices(OFF, OFF, OFF, tftp), Optional.empty(),
        SignatureTrust.none());
  }
}
