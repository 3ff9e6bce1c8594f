package io.proxytftp.tftp.transport;

import io.proxytftp.resolve.Via;
import java.util.List;
import java.util.Map;

/**
 * Reads the cascade loop guard from a request: the {@code proxytftp-via} option, which a
 * proxytftp instance adds when it asks another one, listing the gateways the request has passed
 * through. Standard servers ignore the option (RFC 2347), so it costs nothing over plain TFTP.
 * The list is read as {@link Via} reads it.
 */
public final class CascadeOption {
  /** The option's name: the fetcher sends it, the server reads it. */
  public static final String NAME = "proxytftp-via";

  private CascadeOption() {}

  /** The gateways a request names, {@code id#instance-token} each (see {@link Via#parse}). */
  public static List<String> via(Map<String, String> options) {
    return Via.parse(options.get(NAME));
  }
}
