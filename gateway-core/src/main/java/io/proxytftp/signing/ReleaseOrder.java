package io.proxytftp.signing;

import io.proxytftp.cluster.ClusterTarget;
import io.proxytftp.config.Release;
import io.proxytftp.config.RemoteCluster;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The order in which clusters are asked for a common file: those on the highest release first, as
 * the vendor's Proxy TFTP does (locale and ring list files are backward compatible), then all the
 * others at once, so a file the newest clusters lack can still be found.
 */
final class ReleaseOrder {
  private final Map<String, Optional<Release>> releases;

  ReleaseOrder(List<RemoteCluster> clusters) {
    this.releases = clusters.stream().collect(Collectors.toMap(RemoteCluster::clusterId, RemoteCluster::release));
  }

  /** One or two rounds of targets; a round's clusters are asked at once. */
  List<List<ClusterTarget>> rounds(List<ClusterTarget> targets) {
    TreeMap<Release, List<ClusterTarget>> byRelease = new TreeMap<>(Comparator.reverseOrder());
    for (ClusterTarget target : targets) {
      releases.getOrDefault(target.clusterId(), Optional.empty())
          .ifPresent(release -> byRelease.computeIfAbsent(release, any -> new ArrayList<>()).add(target));
    }
    if (byRelease.isEmpty()) {
      return targets.isEmpty() ? List.of() : List.of(targets);
    }
    List<ClusterTarget> highest = byRelease.firstEntry().getValue();
    List<ClusterTarget> rest = targets.stream().filter(target -> !highest.contains(target)).toList();
    return rest.isEmpty() ? List.of(highest) : List.of(highest, rest);
  }
}
