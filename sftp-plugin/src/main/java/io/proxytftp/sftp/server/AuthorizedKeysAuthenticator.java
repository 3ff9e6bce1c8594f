package io.proxytftp.sftp.server;

import io.proxytftp.config.SftpSettings;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Accepts a user's public key when it is one of the user's configured {@code authorized-keys}. */
final class AuthorizedKeysAuthenticator implements PublickeyAuthenticator {
  private static final Logger LOG = LoggerFactory.getLogger(AuthorizedKeysAuthenticator.class);

  private final Map<String, List<PublicKey>> keys = new HashMap<>();
  private final SftpMetrics metrics;

  AuthorizedKeysAuthenticator(List<SftpSettings.User> users, SftpMetrics metrics) {
    for (SftpSettings.User user : users) {
      List<PublicKey> userKeys = new ArrayList<>();
      for (String line : user.authorizedKeys()) {
        try {
          userKeys.add(
              AuthorizedKeyEntry.parseAuthorizedKeyEntry(line).resolvePublicKey(null, PublicKeyEntryResolver.FAILING));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
          LOG.warn("sftp: user '{}': a key of type {} cannot be used and is ignored: {}", user.name(),
              line.split("\\s+", 2)[0], e.getMessage());
        }
      }
      keys.put(user.name(), List.copyOf(userKeys));
    }
    this.metrics = metrics;
  }

  @Override
  public boolean authenticate(String username, PublicKey key, ServerSession session) {
    boolean known =
        keys.getOrDefault(username, List.of()).stream().anyMatch(candidate -> KeyUtils.compareKeys(candidate, key));
    if (!known) {
      metrics.authFailures.increment();
      LOG.info("sftp: {} key refused for user '{}' from {}", KeyUtils.getKeyType(key), username,
          session.getClientAddress());
    }
    return known;
  }
}
