package io.proxytftp.http.admin;

import io.proxytftp.config.AdminSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;

/**
 * Checks an {@code Authorization} header against the configured admin credentials: a bearer token
 * or HTTP basic. Comparisons take the same time however much of a secret matches, so a caller
 * cannot guess one a character at a time.
 */
final class AdminAuthenticator {
  private final AdminSettings settings;

  AdminAuthenticator(AdminSettings settings) {
    this.settings = settings;
  }

  /** What a refused request is told to send. */
  String challenge() {
    StringBuilder schemes = new StringBuilder();
    settings.token().ifPresent(token -> schemes.append("Bearer realm=\"proxytftp\""));
    settings.basic().ifPresent(basic -> schemes.append(schemes.length() > 0 ? ", " : "").append("Basic realm=\"proxytftp\""));
    return schemes.toString();
  }

  boolean permits(String authorization) {
    if (authorization == null) {
      return false;
    }
    int space = authorization.indexOf(' ');
    if (space < 0) {
      return false;
    }
    String scheme = authorization.substring(0, space).toLowerCase(Locale.ROOT);
    String credentials = authorization.substring(space + 1).strip();
    return switch (scheme) {
      case "bearer" -> settings.token().map(token -> same(token, credentials)).orElse(false);
      case "basic" -> settings.basic().map(basic -> same(basic.username() + ":" + basic.password(), decoded(credentials)))
          .orElse(false);
      default -> false;
    };
  }

  private static String decoded(String base64) {
    try {
      return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      return "";
    }
  }

  private static boolean same(String expected, String given) {
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }
}
