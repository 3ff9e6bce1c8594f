package io.proxytftp.cluster;

import io.proxytftp.config.RemoteCluster;
import io.proxytftp.config.ServiceAddress;
import io.proxytftp.config.TftpService;
import io.proxytftp.config.TftpService.AddressMode;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How one cluster's TFTP addresses are found, read once from the configuration: the Cluster View's
 * manual addresses in order, or the fully qualified name's first three records on port 69; and
 * the HTTP port those addresses also serve the files on, if any.
 */
record ClusterPlan(String clusterId, List<AddressSource> sources, OptionalInt httpPort) {
  static final int TFTP_PORT = 69;
  static final int MAX_ADDRESSES = 3;

  ClusterPlan {
    sources = List.copyOf(sources);
  }

  /** The plan of a cluster whose TFTP service is enabled; empty when it is disabled. */
  static Optional<ClusterPlan> of(RemoteCluster cluster) {
    TftpService tftp = cluster.services().tftp();
    if (!tftp.enabled()) {
      return Optional.empty();
    }
    List<AddressSource> sources =
        tftp.addressMode() == AddressMode.AUTOMATIC
            ? List.of(new AddressSource.Name(cluster.fullyQualifiedName(), TFTP_PORT, MAX_ADDRESSES))
            : tftp.addresses().stream().map(ClusterPlan::manual).toList();
    return Optional.of(new ClusterPlan(cluster.clusterId(), sources, tftp.httpPort()));
  }

  private static AddressSource manual(ServiceAddress configured) {
    return configured
        .literal()
        .<AddressSource>map(address -> new AddressSource.Literal(new InetSocketAddress(address, configured.port())))
        .orElseGet(() -> new AddressSource.Name(configured.host(), configured.port(), 1));
  }
}
