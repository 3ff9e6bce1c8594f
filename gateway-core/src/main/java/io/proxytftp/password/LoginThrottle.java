package io.proxytftp.password;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.net.InetAddress;
import java.time.Duration;

/**
 * Slows down guessing of admin credentials, per client address: the first {@value #FREE_FAILURES}
 * consecutive failures cost nothing (a mistyped password); the next one locks the address out for
 * {@link #FIRST_LOCK}, and each further failure for twice as long as the one before, up to
 * {@link #MAX_LOCK}. So the third wrong login in a row is still answered, and what comes within
 * the second after it is refused.
 * A success resets the address. Shared by the admin API and SFTP, so that both slow a guesser alike.
 *
 * <p>Memory is bounded: at most {@value #MAX_ADDRESSES} addresses are remembered, each forgotten
 * {@link #FORGET_AFTER} after its last failure. Time comes from a Caffeine {@link Ticker}, so tests
 * move it by hand. Callers never wait on the calling thread: they refuse at once (HTTP 429) or
 * answer later from a timer (SFTP).
 */
public final class LoginThrottle {
  public static final int FREE_FAILURES = 2;
  public static final Duration FIRST_LOCK = Duration.ofSeconds(1);
  public static final Duration MAX_LOCK = Duration.ofMinutes(5);
  static final Duration FORGET_AFTER = Duration.ofMinutes(15);
  static final int MAX_ADDRESSES = 10_000;

  /** An address's consecutive failures and the ticker time its lock ends at. */
  private record Failures(int count, long lockedUntil) {}

  private final Ticker ticker;
  private final Cache<InetAddress, Failures> failures;

  public LoginThrottle(Ticker ticker) {
    this.ticker = ticker;
    this.failures = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(FORGET_AFTER).maximumSize(MAX_ADDRESSES).build();
  }

  /** How long {@code address} is still locked out; zero when it may try now. */
  public Duration lockRemaining(InetAddress address) {
    Failures known = failures.getIfPresent(address);
    return known == null ? Duration.ZERO : Duration.ofNanos(Math.max(0, known.lockedUntil() - ticker.read()));
  }

  /** Counts a failed login from {@code address} and returns how long it is now locked out. */
  public Duration failed(InetAddress address) {
    long now = ticker.read();
    Failures updated = failures.asMap().compute(address, (key, known) -> {
      int count = known == null ? 1 : known.count() + 1;
      return new Failures(count, count <= FREE_FAILURES ? now : now + lock(count).toNanos());
    });
    return Duration.ofNanos(updated.lockedUntil() - now);
  }

  /** A successful login: the address starts afresh. */
  public void succeeded(InetAddress address) {
    failures.invalidate(address);
  }

  /** The lock after the {@code count}-th consecutive failure, {@code count > FREE_FAILURES}. */
  private static Duration lock(int count) {
    int doublings = Math.min(count - FREE_FAILURES - 1, 30);
    Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
    return lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock;
  }
}
