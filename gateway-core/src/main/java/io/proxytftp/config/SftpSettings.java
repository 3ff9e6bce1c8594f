package io.proxytftp.config;

import io.proxytftp.password.PasswordHash;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may browse the gateway over SFTP and how long a client may take. Without users the SFTP
 * server does not start: reading the cache needs credentials, never none.
 *
 * @param users the admins who may log in
 * @param maxAuthAttempts failed authentications after which a connection is closed
 * @param authTimeout how long a client may take to log in
 * @param idleTimeout how long a logged-in session may stay silent
 */
public record SftpSettings(List<User> users, int maxAuthAttempts, Duration authTimeout, Duration idleTimeout) {
  public static final int DEFAULT_MAX_AUTH_ATTEMPTS = 3;
  public static final Duration DEFAULT_AUTH_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);

  public SftpSettings {
    users = List.copyOf(users);
    Objects.requireNonNull(authTimeout, "authTimeout");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
  }

  /** No users, default limits: the SFTP server stays off. */
  public static SftpSettings none() {
    return new SftpSettings(List.of(), DEFAULT_MAX_AUTH_ATTEMPTS, DEFAULT_AUTH_TIMEOUT, DEFAULT_IDLE_TIMEOUT);
  }

  /**
   * One admin: a password, public keys, or both.
   *
   * @param name the login name
   * @param passwordHash the password's hash; the password itself is never configured
   * @param authorizedKeys OpenSSH public key lines ({@code ssh-ed25519 AAAA... comment})
   */
  public record User(String name, Optional<PasswordHash> passwordHash, List<String> authorizedKeys) {
    public User {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(passwordHash, "passwordHash");
      authorizedKeys = List.copyOf(authorizedKeys);
    }
  }
}
