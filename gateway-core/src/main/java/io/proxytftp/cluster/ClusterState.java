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
 * (empty until one came), when every source last answered, and what failed in the latest round;
 * with the plan's HTTP port, which needs no lookup.
 *
 * @param failures the latest round's failed lookups, each naming the host and the resolver's
 *     reason; empty when every source answered
 */
record ClusterState(String clusterId, List<List<InetSocketAddress>> bySource, Optional<Instant> lastUpdate,
    OptionalInt httpPort, List<String> failures) {
  ClusterState {
    Objects.requireNonNull(clusterId, "clusterId");
    bySource = bySource.stream().map(List::copyOf).toList();
    Objects.requireNonNull(lastUpdate, "lastUpdate");
    Objects.requireNonNull(httpPort, "httpPort");
    failures = List.copyOf(failures);
  }

  /** Nothing known yet about the plan's cluster. */
  static ClusterState unknown(ClusterPlan plan) {
    return new ClusterState(
        plan.clusterId(), Collections.nCopies(plan.sources().size(), List.of()), Optional.empty(), plan.httpPort(),
        List.of());
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
