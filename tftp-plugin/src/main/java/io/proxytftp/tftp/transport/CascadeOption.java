package io.proxytftp.tftp.transport;

import io.proxytftp.resolve.Hop;
import io.proxytftp.resolve.Via;
import java.util.List;
import java.util.Map;

/**
 * The cascade option, {@code proxytftp-via}. A proxytftp instance adds it to the RRQs it sends
 * another one, listing the gateways the request has passed through (the loop guard); standard
 * servers ignore the option (RFC 2347), so it costs nothing over plain TFTP. The list is read as
 * {@link Via} reads it.
 *
 * <p>A proxytftp server answers the option in its OACK with its own hop ({@code gateway.id#token})
 * instead of the list, so that the gateway asking learns which gateway its remote cluster is, and
 * can warn when that one carries its own id. Only a proxytftp fetcher sends the option, and it
 * takes the answer (an older one lets it pass, having asked for it); standard clients never see it.
 */
public final class CascadeOption {
  /** The option's name: the fetcher sends it, the server reads it. */
  public static final String NAME = "proxytftp-via";

  private CascadeOption() {}

  /** What the server answers the option with: {@code self}, the gateway it runs in. */
  public static Map<String, String> answer(Hop self) {
    return Map.of(NAME, self.toString());
  }

  /** The gateways a request names, {@code id#instance-token} each (see {@link Via#parse}). */
  public static List<String> via(Map<String, String> options) {
    return Via.parse(options.get(NAME));
  }
}
