package io.proxytftp.cluster;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.proxytftp.config.RemoteCluster;
import io.proxytftp.config.UpstreamSettings;
import io.proxytftp.lifecycle.NamedThreadFactory;
import io.proxytftp.lifecycle.WorkerPool;
import io.proxytftp.plugin.GatewayService;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remote clusters whose TFTP services the gateway asks, with their addresses resolved ahead of
 * time: a phone's request reads an immutable snapshot and never waits for DNS. Names are looked up
 * at start, every {@code upstream.dns-refresh}, and when an admin asks ("Update Remote Cluster
 * Now"); the lookups block, so they run on the {@link WorkerPool}. The clusters come from the
 * {@link ClusterCatalog} and follow its changes.
 */
public final class ClusterRegistry implements GatewayService {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterRegistry.class);
  /** How long start waits for the first lookups before the gateway goes on without them. */
  private static final Duration FIRST_ROUND_WAIT = Duration.ofSeconds(2);

  private final ClusterCatalog catalog;
  private final ClusterLookup lookup;
  private final WorkerPool workers;
  private final MeterRegistry meters;
  private final Duration refreshInterval;
  private final ScheduledExecutorService timer;
  private final Map<String, Gauge> gauges = new ConcurrentHashMap<>();
  private final Object planLock = new Object();
  private volatile List<ClusterPlan> plans = List.of();
  private final AtomicReference<RegistrySnapshot> snapshot = new AtomicReference<>(RegistrySnapshot.of(List.of()));

  @Inject
  public ClusterRegistry(ClusterCatalog catalog, UpstreamSettings upstream, HostResolver resolver, WorkerPool workers,
      Clock clock, MeterRegistry meters) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.lookup = new ClusterLookup(
        Objects.requireNonNull(resolver, "resolver"), Objects.requireNonNull(clock, "clock"), meters);
    this.workers = Objects.requireNonNull(workers, "workers");
    this.meters = Objects.requireNonNull(meters, "meters");
    this.refreshInterval = upstream.dnsRefresh();
    this.timer = new ScheduledThreadPoolExecutor(1, new NamedThreadFactory("cluster-dns"));
  }

  @Override
  public String name() {
    return "clusters";
  }

  @Override
  public void start() throws InterruptedException {
    CompletableFuture<Void> firstRound = plan(catalog.clusters());
    catalog.onChange(clusters -> plan(clusters).whenComplete((done, failure) -> {
      if (failure != null) {
        LOG.warn("lookup of changed cluster addresses failed", failure);
      }
    }));
    try {
      firstRound.get(FIRST_ROUND_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException slow) {
      LOG.info("cluster addresses are still being looked up; starting without waiting for them");
    } catch (ExecutionException failed) {
      LOG.warn("first lookup of cluster addresses failed", failed.getCause());
    }
    firstRound.whenComplete((done, failure) -> scheduleRefresh());
  }

  @Override
  public void stop(Duration grace) throws InterruptedException {
    timer.shutdownNow();
    timer.awaitTermination(Math.max(1, grace.toMillis()), TimeUnit.MILLISECONDS);
  }

  /** Enabled clusters with an enabled TFTP service and at least one address, in configuration order. */
  public List<ClusterTarget> tftpTargets() {
    return snapshot.get().targets();
  }

  /** The cluster's target; the id is compared ignoring case, as the configuration compares ids. */
  public Optional<ClusterTarget> target(String clusterId) {
    Objects.requireNonNull(clusterId, "clusterId");
    return snapshot.get().state(clusterId).flatMap(ClusterState::target);
  }

  /**
   * Looks every name up again ("Update Remote Cluster Now"); completes when every cluster is done,
   * exceptionally only when the worker pool refused the work.
   */
  public CompletableFuture<Void> updateNow() {
    return refresh(plans);
  }

  /** "Update Remote Cluster Now" for one cluster; empty when there is no such enabled TFTP cluster. */
  public Optional<CompletableFuture<Void>> updateNow(String clusterId) {
    return plans.stream().filter(plan -> plan.clusterId().equalsIgnoreCase(clusterId)).findFirst()
        .map(plan -> refresh(List.of(plan)));
  }

  private CompletableFuture<Void> refresh(List<ClusterPlan> chosen) {
    try {
      return CompletableFuture.allOf(
          chosen.stream()
              .map(plan -> CompletableFuture.runAsync(() -> refresh(plan), workers))
              .toArray(CompletableFuture[]::new));
    } catch (RejectedExecutionException busy) {
      return CompletableFuture.failedFuture(busy);
    }
  }

  /**
   * Adopts a new list of clusters: unchanged clusters keep their addresses, new and changed ones
   * are looked up at once (the returned future completes then), removed ones are forgotten.
   */
  private CompletableFuture<Void> plan(List<RemoteCluster> clusters) {
    List<ClusterPlan> changed = new ArrayList<>();
    synchronized (planLock) {
      List<ClusterPlan> next = clusters.stream().map(ClusterPlan::of).flatMap(Optional::stream).toList();
      RegistrySnapshot current = snapshot.get();
      List<ClusterState> states = new ArrayList<>();
      for (ClusterPlan plan : next) {
        Optional<ClusterState> kept = plans.contains(plan) ? current.state(plan.clusterId()) : Optional.empty();
        if (kept.isEmpty()) {
          changed.add(plan);
        }
        states.add(kept.orElseGet(() -> ClusterState.unknown(plan)));
      }
      plans = next;
      snapshot.set(RegistrySnapshot.of(states));
      registerGauges(next);
    }
    return refresh(changed);
  }

  private void registerGauges(List<ClusterPlan> next) {
    Set<String> ids = next.stream().map(ClusterPlan::clusterId).collect(Collectors.toSet());
    gauges.keySet().stream().filter(id -> !ids.contains(id)).toList()
        .forEach(id -> meters.remove(gauges.remove(id)));
    for (String id : ids) {
      gauges.computeIfAbsent(id, cluster -> Gauge.builder("cluster.addresses", () -> addressCount(cluster))
          .tag("cluster", cluster)
          .description("TFTP addresses the gateway currently knows for the cluster")
          .register(meters));
    }
  }

  /** When every address of the cluster was last looked up without a failure; empty until then. */
  public Optional<Instant> lastUpdate(String clusterId) {
    Objects.requireNonNull(clusterId, "clusterId");
    return snapshot.get().state(clusterId).flatMap(ClusterState::lastUpdate);
  }

  /**
   * What failed in the cluster's latest lookup, each naming the host and the resolver's reason;
   * empty when every name answered, or when there is no such enabled TFTP cluster.
   */
  public List<String> lookupFailures(String clusterId) {
    Objects.requireNonNull(clusterId, "clusterId");
    return snapshot.get().state(clusterId).map(ClusterState::failures).orElse(List.of());
  }

  private void refresh(ClusterPlan plan) {
    Optional<ClusterState> previous = snapshot.get().state(plan.clusterId());
    if (previous.isEmpty()) {
      return; // removed from the Cluster View meanwhile
    }
    ClusterState next = lookup.refresh(plan, previous.get());
    synchronized (planLock) {
      if (plans.contains(plan)) {
        snapshot.updateAndGet(current -> current.with(next));
      }
    }
  }

  /** The next round starts an interval after the last one ended, so slow DNS never piles rounds up. */
  private void scheduleRefresh() {
    try {
      timer.schedule(
          () -> updateNow().whenComplete((done, failure) -> {
            if (failure != null) {
              LOG.warn("periodic lookup of cluster addresses failed", failure);
            }
            scheduleRefresh();
          }),
          refreshInterval.toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopped) {
      // The registry is stopping: no more rounds.
    }
  }

  private int addressCount(String clusterId) {
    return snapshot.get().state(clusterId).map(state -> state.addresses().size()).orElse(0);
  }
}
