package io.proxytftp.cluster;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks one cluster's names up again. A failed lookup never takes addresses away: the source keeps
 * its last good answer, and the failure is logged and counted so that an admin sees stale DNS.
 */
final class ClusterLookup {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterLookup.class);

  private final HostResolver resolver;
  private final Clock clock;
  private final MeterRegistry meters;

  ClusterLookup(HostResolver resolver, Clock clock, MeterRegistry meters) {
    this.resolver = resolver;
    this.clock = clock;
    this.meters = meters;
  }

  /** The cluster's next state; blocks while names are looked up. */
  ClusterState refresh(ClusterPlan plan, ClusterState previous) {
    List<List<InetSocketAddress>> bySource = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < plan.sources().size(); i++) {
      AddressSource source = plan.sources().get(i);
      List<InetSocketAddress> lastGood = previous.bySource().get(i);
      try {
        bySource.add(source.addresses(resolver));
      } catch (UnknownHostException failure) {
        failures.add("looking up " + source.host() + " failed: " + failure.getMessage());
        bySource.add(lastGood);
        meters.counter("cluster.dns.failures", "cluster", plan.clusterId()).increment();
        LOG.warn("cluster {}: looking up {} failed ({}); {}", plan.clusterId(), source.host(), failure.getMessage(),
            lastGood.isEmpty() ? "no address known yet" : "keeping " + lastGood.stream().map(AddressText::of).toList());
      }
    }
    Optional<Instant> lastUpdate = failures.isEmpty() ? Optional.of(clock.instant()) : previous.lastUpdate();
    return new ClusterState(plan.clusterId(), bySource, lastUpdate, plan.httpPort(), failures);
  }
}
