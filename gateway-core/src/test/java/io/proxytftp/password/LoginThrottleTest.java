package io.proxytftp.password;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The login slow-down, on a ticker the test moves by hand. */
class LoginThrottleTest {
  final AtomicLong nanos = new AtomicLong();
  final LoginThrottle throttle = new LoginThrottle(nanos::get);
  final InetAddress guesser = InetAddress.getLoopbackAddress();

  private void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }

  @Test
  void theFirstFailuresCostNothingThenEachLocksTwiceAsLong() {
    assertEquals(Duration.ZERO, throttle.failed(guesser));
    assertEquals(Duration.ZERO, throttle.failed(guesser));
    assertEquals(Duration.ZERO, throttle.lockRemaining(guesser));
    assertEquals(Duration.ofSeconds(1), throttle.failed(guesser));
    assertEquals(Duration.ofSeconds(1), throttle.lockRemaining(guesser));
    advance(Duration.ofMillis(400));
    assertEquals(Duration.ofMillis(600), throttle.lockRemaining(guesser));
    advance(Duration.ofMillis(600));
    assertEquals(Duration.ZERO, throttle.lockRemaining(guesser));
    assertEquals(Duration.ofSeconds(2), throttle.failed(guesser));
    assertEquals(Duration.ofSeconds(4), throttle.failed(guesser));
  }

  @Test
  void theLockStopsGrowingAtItsCap() {
    for (int i = 0; i < 40; i++) {
      throttle.failed(guesser);
    }
    assertEquals(LoginThrottle.MAX_LOCK, throttle.failed(guesser));
  }

  @Test
  void aSuccessStartsTheAddressAfresh() {
    for (int i = 0; i < 5; i++) {
      throttle.failed(guesser);
    }
    throttle.succeeded(guesser);
    assertEquals(Duration.ZERO, throttle.lockRemaining(guesser));
    assertEquals(Duration.ZERO, throttle.failed(guesser));
  }

  @Test
  void addressesAreThrottledApart() throws Exception {
    for (int i = 0; i < 5; i++) {
      throttle.failed(guesser);
    }
    InetAddress other = InetAddress.getByName("192.0.2.7");
    assertEquals(Duration.ZERO, throttle.lockRemaining(other));
    assertEquals(Duration.ZERO, throttle.failed(other));
  }

  @Test
  void aQuietAddressIsForgotten() {
    for (int i = 0; i < 5; i++) {
      throttle.failed(guesser);
    }
    advance(LoginThrottle.FORGET_AFTER.plusSeconds(1));
    assertEquals(Duration.ZERO, throttle.failed(guesser), "counted afresh: the first failure is free again");
  }
}
