package io.proxytftp.resolve;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A phone's request for one file.
 *
 * @param name the name as the client sent it, before any normalisation
 * @param client the client's address; it tells which home cluster a phone belongs to
 * @param protocol the front end that received it, for logs and metrics ({@code tftp}, {@code http})
 */
public record FileRequest(String name, InetSocketAddress client, String protocol) {
  public FileRequest {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(protocol, "protocol");
  }
}
