package io.proxytftp.config;

import java.util.Objects;
import java.util.Optional;

/**
 * Who may use the admin API: a bearer token, a user name and password for HTTP basic
 * authentication, or both. Without either the admin API does not start, so a fresh install never
 * exposes it unprotected. Values usually come from environment variables.
 *
 * @param token accepted as {@code Authorization: Bearer <token>}
 * @param basic accepted as {@code Authorization: Basic ...}
 */
public record AdminSettings(Optional<String> token, Optional<BasicCredentials> basic) {
  public AdminSettings {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(basic, "basic");
  }

  /** No credentials: the admin API stays off. */
  public static AdminSettings none() {
    return new AdminSettings(Optional.empty(), Optional.empty());
  }

  /** Whether any credentials are configured, which the admin API needs to start. */
  public boolean configured() {
    return token.isPresent() || basic.isPresent();
  }

  @Override
  public String toString() {
    return "AdminSettings[token=" + (token.isPresent() ? "(hidden)" : "none") + ", basic="
        + basic.map(BasicCredentials::toString).orElse("none") + "]";
  }

  /** A user name and password for HTTP basic authentication. */
  public record BasicCredentials(String username, String password) {
    public BasicCredentials {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
      return "BasicCredentials[username=" + username + ", password=(hidden)]";
    }
  }
}
