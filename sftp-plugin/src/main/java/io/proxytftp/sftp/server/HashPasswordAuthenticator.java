package io.proxytftp.sftp.server;

import io.proxytftp.config.SftpSettings;
import io.proxytftp.password.LoginThrottle;
import io.proxytftp.password.PasswordHash;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.server.auth.AsyncAuthException;
import org.apache.sshd.server.auth.password.PasswordAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks SFTP passwords against the configured hashes. An unknown user costs the same hashing as a
 * known one, so timing does not tell which user names exist. An address that keeps failing is
 * slowed down ({@link LoginThrottle}, shared rules with the admin API): its answers, right or wrong,
 * come only when its lock ends, from SSHD's timer through an {@link AsyncAuthException}, so no SSHD
 * thread waits and other addresses are not held up.
 */
final class HashPasswordAuthenticator implements PasswordAuthenticator {
  private static final Logger LOG = LoggerFactory.getLogger(HashPasswordAuthenticator.class);
  private static final PasswordHash DECOY = PasswordHash.create("no such user".toCharArray());

  private final Map<String, PasswordHash> hashes = new HashMap<>();
  private final SftpMetrics metrics;
  private final LoginThrottle throttle;

  HashPasswordAuthenticator(List<SftpSettings.User> users, SftpMetrics metrics, LoginThrottle throttle) {
    users.forEach(user -> user.passwordHash().ifPresent(hash -> hashes.put(user.name(), hash)));
    this.metrics = metrics;
    this.throttle = throttle;
  }

  @Override
  public boolean authenticate(String username, String password, ServerSession session) {
    InetAddress client = ((InetSocketAddress) session.getClientAddress()).getAddress();
    Duration locked = throttle.lockRemaining(client);
    PasswordHash hash = hashes.get(username);
    boolean matches = (hash == null ? DECOY : hash).matches(password) && hash != null;
    if (!matches) {
      metrics.authFailures.increment();
      LOG.info("sftp: password refused for user '{}' from {}", username, session.getClientAddress());
      Duration lock = throttle.failed(client);
      locked = lock.compareTo(locked) > 0 ? lock : locked;
    }
    if (locked.isZero()) {
      if (matches) {
        throttle.succeeded(client);
      }
      return matches;
    }
    AsyncAuthException later = new AsyncAuthException();
    session.getFactoryManager().getScheduledExecutorService().schedule(() -> {
      if (matches) {
        throttle.succeeded(client);
      }
      later.setAuthed(matches);
    }, locked.toNanos(), TimeUnit.NANOSECONDS);
    throw later;
  }
}
