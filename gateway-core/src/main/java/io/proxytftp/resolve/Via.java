package io.proxytftp.resolve;

import java.util.Arrays;
import java.util.List;

/**
 * The cascade loop guard's list of gateways a request has passed through, as proxytftp sends it
 * upstream in every protocol (the TFTP option {@code proxytftp-via}, the HTTP header {@code
 * Proxytftp-Via}): ids separated by commas. Values come from the network, so reading is bounded.
 */
public final class Via {
  private static final int MAX_ENTRIES = 16;
  private static final int MAX_ID_LENGTH = 64;

  private Via() {}

  /** The ids in a received value, at most 16 of at most 64 characters each; empty for null. */
  public static List<String> parse(String value) {
    if (value == null || value.isEmpty()) {
      return List.of();
    }
    return Arrays.stream(value.split(",", MAX_ENTRIES + 1))
        .limit(MAX_ENTRIES)
        .map(String::strip)
        .filter(id -> !id.isEmpty() && id.length() <= MAX_ID_LENGTH)
        .toList();
  }

  /** The value to send for {@code ids}. */
  public static String format(List<String> ids) {
    return String.join(",", ids);
  }
}
