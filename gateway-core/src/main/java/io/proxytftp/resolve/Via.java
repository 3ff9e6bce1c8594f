package io.proxytftp.resolve;

import java.util.Arrays;
import java.util.List;

/**
 * The cascade loop guard's list of gateways a request has passed through, as proxytftp sends it
 * upstream in every protocol (the TFTP option {@code proxytftp-via}, the HTTP header {@code
 * Proxytftp-Via}): {@link Hop} entries separated by commas, {@code proxytftp-1#k3vq7zma,gw-b#2xw4tq9p}.
 * Older releases sent bare ids ({@code gw-a,gw-b}); they read the same way, as hops without a
 * token. Values come from the network, so reading is bounded.
 */
public final class Via {
  private static final int MAX_ENTRIES = 16;
  /** An id (at most 64 characters), the separator and a token, with room for longer tokens. */
  private static final int MAX_ENTRY_LENGTH = 64 + 1 + 16;

  private Via() {}

  /** The entries of a received value, at most 16 of at most 81 characters each; empty for null. */
  public static List<String> parse(String value) {
    if (value == null || value.isEmpty()) {
      return List.of();
    }
    return Arrays.stream(value.split(",", MAX_ENTRIES + 1))
        .limit(MAX_ENTRIES)
        .map(String::strip)
        .filter(entry -> !entry.isEmpty() && entry.length() <= MAX_ENTRY_LENGTH)
        .toList();
  }

  /** The value to send for {@code entries}. */
  public static String format(List<String> entries) {
    return String.join(",", entries);
  }
}
