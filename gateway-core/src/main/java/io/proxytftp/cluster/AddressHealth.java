package io.proxytftp.cluster;

import io.micrometer.core.instrument.Counter;
import io.proxytftp.cluster.UpstreamHealth.Permit;
import io.proxytftp.cluster.UpstreamHealth.State;
import io.proxytftp.config.UpstreamSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One upstream address's breaker, in-flight count and queue of fetches waiting for a slot;
 * lock-free: counts and circuit change by compare-and-set, and a slot is handed to a waiter by
 * completing its future, which a waiter that gave up has already cancelled.
 */
final class AddressHealth {
  private static final Logger LOG = LoggerFactory.getLogger(AddressHealth.class);
  private static final CompletableFuture<Optional<Permit>> REFUSED = CompletableFuture.completedFuture(Optional.empty());

  private final String address;
  private final UpstreamSettings settings;
  private final Clock clock;
  private final PermitCounters counters;
  private final Counter opened;
  private final AtomicReference<Circuit> circuit = new AtomicReference<>(Circuit.CLOSED);
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Queue<CompletableFuture<Optional<Permit>>> waiters = new ConcurrentLinkedQueue<>();

  AddressHealth(String address, UpstreamSettings settings, Clock clock, PermitCounters counters, Counter opened) {
    this.address = address;
    this.settings = settings;
    this.clock = clock;
    this.counters = counters;
    this.opened = opened;
  }

  State state() {
    return circuit.get().state(clock.instant());
  }

  int consecutiveFailures() {
    return circuit.get().failures();
  }

  CompletableFuture<Optional<Permit>> acquire() {
    Instant now = clock.instant();
    while (true) {
      Circuit current = circuit.get();
      State state = current.state(now);
      if (state == State.CLOSED) {
        return acquireClosed();
      }
      if (state == State.OPEN || current.probing()) {
        counters.open().increment();
        return REFUSED;
      }
      if (circuit.compareAndSet(current, current.withProbe(true))) {
        return acquireProbe();
      }
    }
  }

  /** A closed circuit's permit: at once while a slot is free and nobody waits, else in turn. */
  private CompletableFuture<Optional<Permit>> acquireClosed() {
    if (waiters.isEmpty() && reserve()) {
      return CompletableFuture.completedFuture(Optional.of(new SingleUsePermit(this, false)));
    }
    CompletableFuture<Optional<Permit>> waiter = new CompletableFuture<>();
    waiter.whenComplete((permit, failure) -> {
      if (waiter.isCancelled()) {
        waiters.remove(waiter);
      }
    });
    waiters.add(waiter);
    counters.waited().increment();
    handOver();
    return waiter;
  }

  /** The half-open circuit's one probe; it does not wait: a busy address is no place to probe. */
  private CompletableFuture<Optional<Permit>> acquireProbe() {
    if (reserve()) {
      return CompletableFuture.completedFuture(Optional.of(new SingleUsePermit(this, true)));
    }
    change(current -> current.withProbe(false));
    counters.busy().increment();
    return REFUSED;
  }

  private boolean reserve() {
    int current;
    do {
      current = inFlight.get();
      if (current >= settings.maxFetchesPerAddress()) {
        return false;
      }
    } while (!inFlight.compareAndSet(current, current + 1));
    return true;
  }

  /**
   * Gives free slots to waiters, first come first served. Run after every change that can free a
   * slot or add a waiter, so no waiter is left behind a free slot. Waiters of a circuit that is no
   * longer closed are answered at once with no permit: the address is failing, they ask elsewhere.
   */
  private void handOver() {
    while (!waiters.isEmpty()) {
      if (state() != State.CLOSED) {
        CompletableFuture<Optional<Permit>> waiter;
        while ((waiter = waiters.poll()) != null) {
          waiter.complete(Optional.empty());
        }
        return;
      }
      if (!reserve()) {
        return;
      }
      boolean handed = false;
      CompletableFuture<Optional<Permit>> waiter;
      while (!handed && (waiter = waiters.poll()) != null) {
        handed = waiter.complete(Optional.of(new SingleUsePermit(this, false)));
      }
      if (!handed) {
        inFlight.decrementAndGet();
      }
    }
  }

  void succeeded(boolean probe) {
    finish(current -> current.afterSuccess(probe));
  }

  void failed(boolean probe) {
    Instant now = clock.instant();
    finish(current -> current.afterFailure(probe, settings.failuresBeforeOpen(), now, settings.openInterval()));
  }

  void released(boolean probe) {
    finish(current -> probe ? current.withProbe(false) : current);
  }

  private void finish(UnaryOperator<Circuit> outcome) {
    inFlight.decrementAndGet();
    change(outcome);
    handOver();
  }

  private void change(UnaryOperator<Circuit> change) {
    Circuit before;
    Circuit after;
    do {
      before = circuit.get();
      after = change.apply(before);
    } while (!circuit.compareAndSet(before, after));
    if (after.openedSince(before)) {
      opened.increment();
      LOG.warn("upstream {} is failing; skipping it until {}", address, after.openUntil());
    }
  }
}
