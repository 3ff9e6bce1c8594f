package io.proxytftp.cluster;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every cluster's state at one moment, with the targets precomputed: readers get an immutable
 * value and never wait for a lookup or a lock.
 *
 * @param states by lower-case cluster id, in configuration order
 */
record RegistrySnapshot(Map<String, ClusterState> states, List<ClusterTarget> targets) {
  RegistrySnapshot {
    states = Collections.unmodifiableMap(new LinkedHashMap<>(states));
    targets = List.copyOf(targets);
  }

  static RegistrySnapshot of(List<ClusterState> states) {
    Map<String, ClusterState> byId = new LinkedHashMap<>();
    states.forEach(state -> byId.put(key(state.clusterId()), state));
    return new RegistrySnapshot(byId, states.stream().flatMap(state -> state.target().stream()).toList());
  }

  /** This snapshot with one cluster's state replaced; the order stays the configuration's. */
  RegistrySnapshot with(ClusterState state) {
    Map<String, ClusterState> byId = new LinkedHashMap<>(states);
    byId.replace(key(state.clusterId()), state);
    return of(List.copyOf(byId.values()));
  }

  Optional<ClusterState> state(String clusterId) {
    return Optional.ofNullable(states.get(key(clusterId)));
  }

  private static String key(String clusterId) {
    return clusterId.toLowerCase(Locale.ROOT);
  }
}
