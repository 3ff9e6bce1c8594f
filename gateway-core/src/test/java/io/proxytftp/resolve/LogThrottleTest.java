package io.proxytftp.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.proxytftp.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LogThrottleTest {
  @Test
  void oneLinePassesPerIntervalAndTheNextSaysHowManyWereLeftOut() {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-29T00:00:00Z"));
    LogThrottle throttle = new LogThrottle(clock, Duration.ofSeconds(10));
    assertEquals(OptionalLong.of(0), throttle.admit());
    clock.advance(Duration.ofSeconds(3));
    assertEquals(OptionalLong.empty(), throttle.admit());
    clock.advance(Duration.ofSeconds(6));
    assertEquals(OptionalLong.empty(), throttle.admit());
    clock.advance(Duration.ofSeconds(1));
    assertEquals(OptionalLong.of(2), throttle.admit());
    clock.advance(Duration.ofSeconds(10));
    assertEquals(OptionalLong.of(0), throttle.admit());
  }
}
