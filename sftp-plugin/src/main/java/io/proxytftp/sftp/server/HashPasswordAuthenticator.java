package io.proxytftp.sftp.server;

import io.proxytftp.config.SftpSettings;
import io.proxytftp.password.PasswordHash;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.sshd.server.auth.password.PasswordAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks SFTP passwords against the configured hashes. An unknown user costs the same hashing as a
 * known one, so timing does not tell which user names exist.
 */
final class HashPasswordAuthenticator implements PasswordAuthenticator {
  private static final Logger LOG = LoggerFactory.getLogger(HashPasswordAuthenticator.class);
  private static final PasswordHash DECOY = PasswordHash.create("no such user".toCharArray());

  private final Map<String, PasswordHash> hashes = new HashMap<>();
  private final SftpMetrics metrics;

  HashPasswordAuthenticator(List<SftpSettings.User> users, SftpMetrics metrics) {
    users.forEach(user -> user.passwordHash().ifPresent(hash -> hashes.put(user.name(), hash)));
    this.metrics = metrics;
  }

  @Override
  public boolean authenticate(String username, String password, ServerSession session) {
    PasswordHash hash = hashes.get(username);
    boolean matches = (hash == null ? DECOY : hash).matches(password) && hash != null;
    if (!matches) {
      metrics.authFailures.increment();
      LOG.info("sftp: password refused for user '{}' from {}", username, session.getClientAddress());
    }
    return matches;
  }
}
