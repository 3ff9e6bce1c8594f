package io.proxytftp.sftp.fs;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a cache entry's origin text for the view: which cluster a file came from, and whether the
 * gateway signed it. The core writes {@code <cluster> <address>} for fetched files, and {@code
 * re-signed by <gateway> from <cluster> <address>}, {@code stripped by <gateway> from the .sgn of
 * <cluster> <address>} or {@code signed by <gateway> from its local store} for the copies it makes.
 */
final class Origins {
  private static final Pattern MADE_FROM_CLUSTER =
      Pattern.compile("(?:re-signed|stripped) by \\S+ from (?:the \\.sgn of )?(\\S+) .*");
  private static final Pattern MADE_BY_GATEWAY = Pattern.compile("(?:re-signed|signed|stripped) by .*");

  private Origins() {}

  /** The cluster id the content came from, if it came from one. */
  static Optional<String> cluster(String origin) {
    Matcher made = MADE_FROM_CLUSTER.matcher(origin);
    if (made.matches()) {
      return Optional.of(made.group(1));
    }
    if (MADE_BY_GATEWAY.matcher(origin).matches()) {
      return Optional.empty();
    }
    int space = origin.indexOf(' ');
    return space > 0 ? Optional.of(origin.substring(0, space)) : Optional.empty();
  }

  /** Whether the gateway signed the content with its own key. */
  static boolean signedByGateway(String origin) {
    return origin.startsWith("re-signed by ") || origin.startsWith("signed by ");
  }
}
