package io.proxytftp.resolve;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * A phone's request for one file.
 *
 * @param name the name as the client sent it, before any normalisation
 * @param client the client's address; it tells which home cluster a phone belongs to
 * @param protocol the front end that received it, for logs and metrics ({@code tftp}, {@code http})
 * @param via the gateways the request has passed through before this one, as {@link Via} entries
 *     ({@code id#instance-token}), when another proxy asks this one (a cascade); a request that
 *     already passed here is a loop
 */
public record FileRequest(String name, InetSocketAddress client, String protocol, List<String> via) {
  public FileRequest {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(protocol, "protocol");
    via = List.copyOf(via);
  }

  /** A request straight from a phone. */
  public FileRequest(String name, InetSocketAddress client, String protocol) {
    this(name, client, protocol, List.of());
  }
}
