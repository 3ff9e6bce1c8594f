package io.proxytftp.cluster;

import io.micrometer.core.instrument.Counter;
import io.proxytftp.cluster.UpstreamHealth.Permit;
import io.proxytftp.cluster.UpstreamHealth.State;
import io.proxytftp.config.UpstreamSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One upstream address's breaker and in-flight count; lock-free, changed by compare-and-set. */
final class AddressHealth {
  private static final Logger LOG = LoggerFactory.getLogger(AddressHealth.class);

  private final String address;
  private final UpstreamSettings settings;
  private final Clock clock;
  private final RefusalCounters refusals;
  private final Counter opened;
  private final AtomicReference<Circuit> circuit = new AtomicReference<>(Circuit.CLOSED);
  private final AtomicInteger inFlight = new AtomicInteger();

  AddressHealth(String address, UpstreamSettings settings, Clock clock, RefusalCounters refusals, Counter opened) {
    this.address = address;
    this.settings = settings;
    this.clock = clock;
    this.refusals = refusals;
    this.opened = opened;
  }

  State state() {
    return circuit.get().state(clock.instant());
  }

  Optional<Permit> tryAcquire() {
    Instant now = clock.instant();
    boolean probe;
    while (true) {
      Circuit current = circuit.get();
      State state = current.state(now);
      if (state == State.CLOSED) {
        probe = false;
        break;
      }
      if (state == State.OPEN || current.probing()) {
        refusals.open().increment();
        return Optional.empty();
      }
      if (circuit.compareAndSet(current, current.withProbe(true))) {
        probe = true;
        break;
      }
    }
    if (inFlight.incrementAndGet() > settings.maxFetchesPerAddress()) {
      inFlight.decrementAndGet();
      if (probe) {
        change(current -> current.withProbe(false));
      }
      refusals.busy().increment();
      return Optional.empty();
    }
    return Optional.of(new SingleUsePermit(this, probe));
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
