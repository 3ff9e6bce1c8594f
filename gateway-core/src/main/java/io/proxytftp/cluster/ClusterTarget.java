package io.proxytftp.cluster;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One cluster's TFTP service as it is right now: the addresses the gateway asks, already resolved,
 * so that a phone's request never waits for DNS.
 *
 * @param addresses one to three resolved addresses, in the Cluster View's Address 1..3 order
 * @param httpPort the TCP port on which these addresses also serve the files over HTTP, if they do
 *     ({@code services.tftp.http-port}); the search then asks over HTTP first
 */
public record ClusterTarget(String clusterId, List<InetSocketAddress> addresses, OptionalInt httpPort) {
  public ClusterTarget {
    Objects.requireNonNull(clusterId, "clusterId");
    Objects.requireNonNull(httpPort, "httpPort");
    addresses = List.copyOf(addresses);
    if (addresses.isEmpty() || addresses.size() > 3) {
      throw new IllegalArgumentException("a target has 1 to 3 addresses, got " + addresses.size());
    }
    if (addresses.stream().anyMatch(InetSocketAddress::isUnresolved)) {
      throw new IllegalArgumentException("unresolved address in " + addresses);
    }
  }
}
