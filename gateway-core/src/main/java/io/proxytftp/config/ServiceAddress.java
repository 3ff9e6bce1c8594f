package io.proxytftp.config;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A remote service address as written in the configuration: a host name or IP literal and a port.
 *
 * @param host a DNS name, an IPv4 literal, or an IPv6 literal without brackets
 * @param port 1..65535 (TFTP's default is 69)
 */
public record ServiceAddress(String host, int port) {
  public ServiceAddress {
    Objects.requireNonNull(host, "host");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /**
   * The host as an address when it is an IP literal, without ever asking DNS; empty for a name,
   * which has to be looked up.
   */
  public Optional<InetAddress> literal() {
    return IpLiterals.parse(host);
  }
}
