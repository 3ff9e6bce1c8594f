package io.proxytftp.cluster;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.proxytftp.config.GatewayConfig;
import io.proxytftp.config.RemoteCluster;
import io.proxytftp.lifecycle.NamedThreadFactory;
import io.proxytftp.lifecycle.WorkerPool;
import io.proxytftp.plugin.GatewayService;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remote clusters whose TFTP services the gateway asks, with their addresses resolved ahead of
 * time: a phone's request reads an immutable snapshot and never waits for DNS. Names are looked up
 * at start, every {@code upstream.dns-refresh}, and when an admin asks ("Update Remote Cluster
 * Now"); the lookups block, so they run on the {@link WorkerPool}.
 */
public final class ClusterRegistry implements GatewayService {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterRegistry.class);
  /** How long start waits for the first lookups before the gateway goes on without them. */
  private static final Duration FIRST_ROUND_WAIT = Duration.ofSeconds(2);

  private final List<ClusterPlan> plans;
  private final ClusterLookup lookup;
  private final WorkerPool workers;
  private final Duration refreshInterval;
  private final ScheduledExecutorService timer;
  private final AtomicReference<RegistrySnapshot> snapshot;

  @Inject
  public ClusterRegistry(
      GatewayConfig config, HostResolver resolver, WorkerPool workers, Clock clock, MeterRegistry meters) {
    Objects.requireNonNull(config, "config");
    this.plans = config.remoteClusters().stream().map(ClusterPlan::of).flatMap(Optional::stream).toList();
    this.lookup = new ClusterLookup(
        Objects.requireNonNull(resolver, "resolver"), Objects.requireNonNull(clock, "clock"), meters);
    this.workers = Objects.requireNonNull(workers, "workers");
    this.refreshInterval = config.upstream().dnsRefresh();
    this.timer = new ScheduledThreadPoolExecutor(1, new NamedThreadFactory("cluster-dns"));
    this.snapshot = new AtomicReference<>(RegistrySnapshot.of(plans.stream().map(ClusterState::unknown).toList()));
    for (ClusterPlan plan : plans) {
      Gauge.builder("cluster.addresses", () -> addressCount(plan.clusterId()))
          .tag("cluster", plan.clusterId())
          .description("TFTP addresses the gateway currently knows for the cluster")
          .register(meters);
    }
  }

  @Override
  public String name() {
    return "clusters";
  }

  @Override
  public void start() throws InterruptedException {
    CompletableFuture<Void> firstRound = updateNow();
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
    try {
      return CompletableFuture.allOf(
          plans.stream()
              .map(plan -> CompletableFuture.runAsync(() -> refresh(plan), workers))
              .toArray(CompletableFuture[]::new));
    } catch (RejectedExecutionException busy) {
      return CompletableFuture.failedFuture(busy);
    }
  }

  /** When every address of the cluster was last looked up without a failure; empty until then. */
  public Optional<Instant> lastUpdate(String clusterId) {
    Objects.requireNonNull(clusterId, "clusterId");
    return snapshot.get().state(clusterId).flatMap(ClusterState::lastUpdate);
  }

  private void refresh(ClusterPlan plan) {
    ClusterState previous = snapshot.get().state(plan.clusterId()).orElseThrow();
    ClusterState next = lookup.refresh(plan, previous);
    snapshot.updateAndGet(current -> current.with(next));
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
