package io.proxytftp.cluster;

import static io.proxytftp.cluster.Clusters.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.proxytftp.cluster.UpstreamHealth.Permit;
import io.proxytftp.cluster.UpstreamHealth.State;
import io.proxytftp.config.UpstreamSettings;
import io.proxytftp.testing.MutableClock;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class UpstreamHealthTest {
  private static final int MAX_FETCHES = 3;
  private static final int FAILURES_BEFORE_OPEN = 3;
  private static final Duration OPEN_INTERVAL = Duration.ofSeconds(30);
  private static final InetSocketAddress CLUSTER = at("10.0.0.1", 69);
  private static final InetSocketAddress OTHER = at("2001:db8::1", 69);

  final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
  final MeterRegistry meters = new SimpleMeterRegistry();
  final UpstreamHealth health = new UpstreamHealth(settings(MAX_FETCHES, FAILURES_BEFORE_OPEN), clock, meters);

  private static UpstreamSettings settings(int maxFetches, int failuresBeforeOpen) {
    return new UpstreamSettings(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofMinutes(10), maxFetches,
        failuresBeforeOpen, OPEN_INTERVAL, Duration.ofMinutes(5));
  }

  private Permit permit(InetSocketAddress address) {
    return health.acquire(address).getNow(Optional.empty()).orElseThrow(() -> new AssertionError("no permit for " + address));
  }

  private void assertRefused(InetSocketAddress address) {
    CompletableFuture<Optional<Permit>> permit = health.acquire(address);
    assertTrue(permit.isDone(), "waits instead of being refused");
    assertEquals(Optional.empty(), permit.join());
  }

  private void fail(int times) {
    for (int i = 0; i < times; i++) {
      permit(CLUSTER).failed();
    }
  }

  private void open() {
    fail(FAILURES_BEFORE_OPEN);
    assertEquals(State.OPEN, health.state(CLUSTER));
  }

  private double refused(String reason) {
    return meters.get("upstream.permits.refused").tag("reason", reason).counter().count();
  }

  private double opened(String address) {
    return meters.get("upstream.circuit.opened").tag("address", address).counter().count();
  }

  @Test
  void unknownAddressIsClosedAndGrantsPermits() {
    assertEquals(State.CLOSED, health.state(CLUSTER));
    permit(CLUSTER).succeeded();
    assertEquals(State.CLOSED, health.state(CLUSTER));
  }

  @Test
  void consecutiveFailuresOpenTheCircuit() {
    fail(FAILURES_BEFORE_OPEN - 1);
    assertEquals(State.CLOSED, health.state(CLUSTER));
    fail(1);
    assertEquals(State.OPEN, health.state(CLUSTER));
    assertEquals(1, opened("10.0.0.1:69"));
  }

  @Test
  void aSuccessEndsTheRunOfFailures() {
    fail(FAILURES_BEFORE_OPEN - 1);
    permit(CLUSTER).succeeded();
    fail(FAILURES_BEFORE_OPEN - 1);
    assertEquals(State.CLOSED, health.state(CLUSTER));
  }

  @Test
  void openCircuitRefusesUntilTheIntervalHasPassed() {
    open();
    assertRefused(CLUSTER);
    clock.advance(OPEN_INTERVAL.minusMillis(1));
    assertRefused(CLUSTER);
    assertEquals(State.OPEN, health.state(CLUSTER));
    assertEquals(2, refused("open"));
    assertEquals(0, refused("busy"));
    permit(OTHER).succeeded();
  }

  @Test
  void halfOpenCircuitHandsOutExactlyOneProbe() {
    open();
    clock.advance(OPEN_INTERVAL);
    assertEquals(State.HALF_OPEN, health.state(CLUSTER));
    Permit probe = permit(CLUSTER);
    assertRefused(CLUSTER);
    assertRefused(CLUSTER);
    assertEquals(State.HALF_OPEN, health.state(CLUSTER));
    probe.released();
  }

  @Test
  void probeSuccessClosesTheCircuit() {
    open();
    clock.advance(OPEN_INTERVAL);
    permit(CLUSTER).succeeded();
    assertEquals(State.CLOSED, health.state(CLUSTER));
    fail(FAILURES_BEFORE_OPEN - 1);
    assertEquals(State.CLOSED, health.state(CLUSTER), "closing starts a new run of failures");
    permit(CLUSTER).succeeded();
  }

  @Test
  void probeFailureOpensTheCircuitForAnotherInterval() {
    open();
    clock.advance(OPEN_INTERVAL);
    permit(CLUSTER).failed();
    assertEquals(State.OPEN, health.state(CLUSTER));
    assertEquals(2, opened("10.0.0.1:69"));
    clock.advance(OPEN_INTERVAL.minusMillis(1));
    assertRefused(CLUSTER);
    clock.advance(Duration.ofMillis(1));
    assertEquals(State.HALF_OPEN, health.state(CLUSTER));
  }

  @Test
  void releasedProbeLetsTheNextProbeOut() {
    open();
    clock.advance(OPEN_INTERVAL);
    permit(CLUSTER).released();
    assertEquals(State.HALF_OPEN, health.state(CLUSTER));
    permit(CLUSTER).succeeded();
    assertEquals(State.CLOSED, health.state(CLUSTER));
  }

  @Test
  void releasedCountsNeitherAsSuccessNorAsFailure() {
    fail(FAILURES_BEFORE_OPEN - 1);
    for (int i = 0; i < 2 * FAILURES_BEFORE_OPEN; i++) {
      permit(CLUSTER).released();
    }
    assertEquals(State.CLOSED, health.state(CLUSTER), "releases are no failures");
    fail(1);
    assertEquals(State.OPEN, health.state(CLUSTER), "releases did not end the run of failures");
  }

  @Test
  void permitOutBeforeTheCircuitOpenedChangesNothingWhenItFailsLater() {
    Permit early = permit(CLUSTER);
    open();
    clock.advance(OPEN_INTERVAL);
    early.failed();
    assertEquals(State.HALF_OPEN, health.state(CLUSTER));
    assertEquals(1, opened("10.0.0.1:69"));
  }

  @Test
  void pastTheBoundAPermitWaitsForTheNextSlotInTurn() {
    List<Permit> held = new ArrayList<>();
    for (int i = 0; i < MAX_FETCHES; i++) {
      held.add(permit(CLUSTER));
    }
    CompletableFuture<Optional<Permit>> first = health.acquire(CLUSTER);
    CompletableFuture<Optional<Permit>> second = health.acquire(CLUSTER);
    assertFalse(first.isDone());
    assertFalse(second.isDone());
    assertEquals(2, meters.get("upstream.permits.waited").counter().count());
    assertEquals(0, refused("busy"));
    permit(OTHER).released();

    held.remove(0).released();
    assertTrue(first.join().isPresent(), "the slot went to the first waiter");
    assertFalse(second.isDone());
    second.cancel(false);
    first.join().get().succeeded();
    permit(CLUSTER).succeeded(); // the cancelled waiter kept no slot
    held.forEach(Permit::succeeded);
  }

  @Test
  void waitersGetNoPermitWhenTheCircuitOpensMeanwhile() {
    fail(FAILURES_BEFORE_OPEN - 1);
    List<Permit> held = new ArrayList<>();
    for (int i = 0; i < MAX_FETCHES; i++) {
      held.add(permit(CLUSTER));
    }
    CompletableFuture<Optional<Permit>> waiting = health.acquire(CLUSTER);
    held.remove(0).failed();
    assertEquals(State.OPEN, health.state(CLUSTER));
    assertEquals(Optional.empty(), waiting.getNow(null), "still waiting on a failing address");
    held.forEach(Permit::released);
  }

  @Test
  void aPermitTakesOneOutcomeOnly() {
    Permit permit = permit(CLUSTER);
    permit.succeeded();
    assertThrows(IllegalStateException.class, permit::failed);
    assertThrows(IllegalStateException.class, permit::succeeded);
    assertThrows(IllegalStateException.class, permit::released);
    List<Permit> held = new ArrayList<>();
    for (int i = 0; i < MAX_FETCHES; i++) {
      held.add(permit(CLUSTER));
    }
    CompletableFuture<Optional<Permit>> next = health.acquire(CLUSTER);
    assertFalse(next.isDone(), "the repeated calls freed no slot");
    next.cancel(false);
    held.forEach(Permit::released);
  }

  @Test
  void concurrentFetchesNeverExceedTheBoundAndEveryWaiterGetsItsTurn() throws Exception {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        done.add(threads.submit(() -> {
          for (int i = 0; i < 20_000; i++) {
            Permit permit = health.acquire(CLUSTER).join().orElseThrow();
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            inFlight.decrementAndGet();
            permit.succeeded();
          }
        }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      threads.shutdown();
    }
    assertTrue(most.get() <= MAX_FETCHES, "at most " + MAX_FETCHES + " in flight, saw " + most.get());
    assertEquals(State.CLOSED, health.state(CLUSTER));
  }

  @Test
  void argumentsAreCheckedAtOnce() {
    assertThrows(IllegalArgumentException.class,
        () -> health.acquire(InetSocketAddress.createUnresolved("cucm-a.example.com", 69)));
    assertThrows(NullPointerException.class, () -> health.state(null));
    assertThrows(IllegalArgumentException.class, () -> new UpstreamHealth(settings(0, 3), clock, meters));
  }

  @Test
  void ipv6AddressesAreTaggedInBrackets() {
    for (int i = 0; i < FAILURES_BEFORE_OPEN; i++) {
      permit(OTHER).failed();
    }
    assertEquals(1, opened("[2001:db8:0:0:0:0:0:1]:69"));
  }
}
