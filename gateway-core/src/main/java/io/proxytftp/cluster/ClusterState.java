package io.proxytftp.cluster;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What is known of one cluster's addresses: the last good answer of each of its plan's sources
 * (empty until one came), and when every source last answered; with the plan's HTTP port, which
 * needs no lookup.
 */
record ClusterState(String clusterId, List<List<InetSocketAddress>> bySource, Optional<Instant> lastUpdate,
    OptionalInt httpPort) {
  ClusterState {
    Objects.requireNonNull(clusterId, "clusterId");
    bySource = bySource.stream().map(List::copyOf).toList();
    Objects.requireNonNull(lastUpdate, "lastUpdate");
    Objects.requireNonNull(httpPort, "httpPort");
  }

  /** Nothing known yet about the plan's cluster. */
  static ClusterState unknown(ClusterPlan plan) {
    return new ClusterState(
        plan.clusterId(), Collections.nCopies(plan.sources().size(), List.of()), Optional.empty(), plan.httpPort());
  }

  List<InetSocketAddress> addresses() {
    return bySource.stream().flatMap(List::stream).toList();
  }

  /** The cluster as a target; empty while it has no address. */
  Optional<ClusterTarget> target() {
    List<InetSocketAddress> addresses = addresses();
    return addresses.isEmpty() ? Optional.empty() : Optional.of(new ClusterTarget(clusterId, addresses, httpPort));
  }
}
