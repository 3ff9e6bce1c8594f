package io.proxytftp.plugin;

import java.util.Locale;

/**
 * Why a socket could not be bound, as the operating system said it. Network libraries wrap the
 * system's message in their own ("Failed to bind to ...", or MINA's "Error while binding on ...
 * original message : Address already in use"), so the innermost message's last part is the reason.
 */
final class BindFailure {
  /** What MINA puts before the system's message. */
  private static final String ORIGINAL = "original message :";

  private BindFailure() {}

  static String reason(Throwable failure) {
    Throwable innermost = failure;
    while (innermost.getCause() != null && innermost.getCause() != innermost) {
      innermost = innermost.getCause();
    }
    String message = innermost.getMessage();
    if (message == null || message.isBlank()) {
      return innermost.getClass().getSimpleName();
    }
    int original = message.lastIndexOf(ORIGINAL);
    String reason = (original >= 0 ? message.substring(original + ORIGINAL.length()) : message).strip();
    reason = reason.lines().reduce((first, second) -> second).orElse(reason).strip();
    String lowered = reason.substring(0, 1).toLowerCase(Locale.ROOT) + reason.substring(1);
    return lowered + permissionHint(lowered);
  }

  /** Ports below 1024 need privileges, the usual cause of "permission denied" on bind. */
  private static String permissionHint(String reason) {
    return reason.startsWith("permission denied") ? " (ports below 1024 need root or CAP_NET_BIND_SERVICE)" : "";
  }
}
