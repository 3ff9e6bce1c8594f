package io.proxytftp.cluster;

import io.micrometer.core.instrument.MeterRegistry;
import io.proxytftp.config.UpstreamSettings;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Per-address health: a circuit breaker and a bound on concurrent fetches, so the gateway skips an
 * address that keeps failing (instead of spending a phone's patience on it) and never overruns a
 * cluster with more fetches than {@code upstream.max-fetches-per-address}.
 *
 * <p>{@code upstream.failures-before-open} consecutive failures open an address's circuit for
 * {@code upstream.open-interval}; then it is half-open and hands out exactly one probe permit,
 * whose success closes it and whose failure opens it again. Nothing here blocks: a refused permit
 * is an empty answer, and the caller tries another address; a busy address's permit is a future,
 * so a search waits for the cluster that may hold its file instead of skipping it.
 */
public final class UpstreamHealth {
  private final UpstreamSettings settings;
  private final Clock clock;
  private final MeterRegistry meters;
  private final PermitCounters counters;
  private final ConcurrentMap<InetSocketAddress, AddressHealth> addresses = new ConcurrentHashMap<>();

  @Inject
  public UpstreamHealth(UpstreamSettings settings, Clock clock, MeterRegistry meters) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.meters = Objects.requireNonNull(meters, "meters");
    if (settings.maxFetchesPerAddress() < 1 || settings.failuresBeforeOpen() < 1) {
      throw new IllegalArgumentException("max fetches per address and failures before open must be positive");
    }
    if (settings.openInterval().isNegative() || settings.openInterval().isZero()) {
      throw new IllegalArgumentException("the open interval must be positive: " + settings.openInterval());
    }
    this.counters = PermitCounters.register(meters);
  }

  /**
   * A permit to fetch from the address. Empty at once when its circuit is open (and not yet due for
   * a probe, or the probe is out). When {@code max-fetches-per-address} fetches are in flight
   * there, the permit comes when one of them ends, in the order asked, or empty if the circuit
   * opens meanwhile; cancel the future to stop waiting (a permit completed before that must still
   * be given its outcome).
   */
  public CompletableFuture<Optional<Permit>> acquire(InetSocketAddress address) {
    return health(address).acquire();
  }

  /** The address's circuit now; CLOSED for an address never asked. */
  public State state(InetSocketAddress address) {
    AddressHealth health = addresses.get(checked(address));
    return health == null ? State.CLOSED : health.state();
  }

  /** The address's failures in a row while its circuit is closed; 0 for an address never asked. */
  public int consecutiveFailures(InetSocketAddress address) {
    AddressHealth health = addresses.get(checked(address));
    return health == null ? 0 : health.consecutiveFailures();
  }

  private AddressHealth health(InetSocketAddress address) {
    return addresses.computeIfAbsent(checked(address), key -> {
      String text = AddressText.of(key);
      return new AddressHealth(text, settings, clock, counters,
          meters.counter("upstream.circuit.opened", "address", text));
    });
  }

  private static InetSocketAddress checked(InetSocketAddress address) {
    Objects.requireNonNull(address, "address");
    if (address.isUnresolved()) {
      throw new IllegalArgumentException("unresolved address: " + address);
    }
    return address;
  }

  /** A circuit's state. */
  public enum State {
    /** Working: permits are handed out up to the concurrency bound. */
    CLOSED,
    /** Failing: no permits until the open interval has passed. */
    OPEN,
    /** Due for a probe: one permit decides whether the address works again. */
    HALF_OPEN
  }

  /** Leave to fetch from one address; takes exactly one outcome, once. */
  public interface Permit {
    /** The address answered; a "not found" answer counts too: the server works. */
    void succeeded();

    /** Silence, a protocol error or a broken transfer. */
    void failed();

    /** Cancelled before any outcome (another address won): neither success nor failure. */
    void released();
  }
}
