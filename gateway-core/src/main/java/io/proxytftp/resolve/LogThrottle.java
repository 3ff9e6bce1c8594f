package io.proxytftp.resolve;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Lets one kind of log line through at most once per interval and counts the ones it holds back,
 * so that a burst of the same event (a boot storm caught in a misconfigured cascade) cannot flood
 * the log, while the next line that passes still says how many there were.
 */
final class LogThrottle {
  private final Clock clock;
  private final Duration interval;
  private Instant last;
  private long heldBack;

  LogThrottle(Clock clock, Duration interval) {
    this.clock = clock;
    this.interval = interval;
  }

  /** Empty when this line is to be left out; else how many were left out since the last one let through. */
  synchronized OptionalLong admit() {
    Instant now = clock.instant();
    if (last != null && now.isBefore(last.plus(interval))) {
      heldBack++;
      return OptionalLong.empty();
    }
    last = now;
    long left = heldBack;
    heldBack = 0;
    return OptionalLong.of(left);
  }
}
