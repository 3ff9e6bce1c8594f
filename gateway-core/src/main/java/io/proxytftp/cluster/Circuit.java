package io.proxytftp.cluster;

import io.proxytftp.cluster.UpstreamHealth.State;
import java.time.Duration;
import java.time.Instant;

/**
 * One address's circuit breaker as an immutable value, so that it changes by compare-and-set.
 *
 * @param failures consecutive failures while closed
 * @param openUntil when an open circuit lets a probe through; null while closed
 * @param probing whether the one probe of a half-open circuit is out
 */
record Circuit(int failures, Instant openUntil, boolean probing) {
  static final Circuit CLOSED = new Circuit(0, null, false);

  State state(Instant now) {
    if (openUntil == null) {
      return State.CLOSED;
    }
    return now.isBefore(openUntil) ? State.OPEN : State.HALF_OPEN;
  }

  Circuit withProbe(boolean out) {
    return new Circuit(failures, openUntil, out);
  }

  /** The address answered: a probe's answer closes the circuit, any answer while closed ends the run of failures. */
  Circuit afterSuccess(boolean probe) {
    return probe || openUntil == null ? CLOSED : this;
  }

  /**
   * The address failed: a probe's failure re-opens the circuit, the {@code limit}th consecutive
   * failure while closed opens it. A permit handed out before the circuit opened changes nothing
   * when it fails later: the circuit already knows.
   */
  Circuit afterFailure(boolean probe, int limit, Instant now, Duration interval) {
    if (probe || (openUntil == null && failures + 1 >= limit)) {
      return new Circuit(0, now.plus(interval), false);
    }
    return openUntil == null ? new Circuit(failures + 1, null, false) : this;
  }

  /** Whether this circuit was opened (or re-opened) by the change from {@code before}. */
  boolean openedSince(Circuit before) {
    return openUntil != null && !openUntil.equals(before.openUntil);
  }
}
