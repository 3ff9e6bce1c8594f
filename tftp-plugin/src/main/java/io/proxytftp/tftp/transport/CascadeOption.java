package io.proxytftp.tftp.transport;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads the cascade loop guard from a request: the {@code proxytftp-via} option, which a
 * proxytftp instance adds when it asks another one, listing the gateways the request has passed
 * through. Standard servers ignore the option (RFC 2347), so it costs nothing over plain TFTP.
 * Values come from the network, so the list is bounded.
 */
public final class CascadeOption {
  /** The option's name: the fetcher sends it, the server reads it. */
  public static final String NAME = "proxytftp-via";

  private static final int MAX_ENTRIES = 16;
  private static final int MAX_ID_LENGTH = 64;

  private CascadeOption() {}

  /** The gateway ids a request names, at most 16 of at most 64 characters each. */
  public static List<String> via(Map<String, String> options) {
    String value = options.get(NAME);
    if (value == null || value.isEmpty()) {
      return List.of();
    }
    return Arrays.stream(value.split(",", MAX_ENTRIES + 1))
        .limit(MAX_ENTRIES)
        .map(String::strip)
        .filter(id -> !id.isEmpty() && id.length() <= MAX_ID_LENGTH)
        .toList();
  }
}
