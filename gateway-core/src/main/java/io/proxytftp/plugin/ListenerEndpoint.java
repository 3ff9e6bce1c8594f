package io.proxytftp.plugin;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * An address a started service listens on, as printed at start-up and used by tests that bind
 * port 0.
 *
 * @param listener the configuration's listener name: {@code tftp}, {@code http} or {@code sftp}
 * @param scheme the URL scheme a client would use, such as {@code tftp}
 */
public record ListenerEndpoint(String listener, String scheme, InetSocketAddress address) {
  public ListenerEndpoint {
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(address, "address");
  }

  /** A URL such as {@code tftp://127.0.0.1:6969} or {@code tftp://[::1]:6969}. */
  public String url() {
    String host = address.getAddress().getHostAddress();
    if (host.indexOf(':') >= 0) {
      int zone = host.indexOf('%');
      host = "[" + (zone >= 0 ? host.substring(0, zone) : host) + "]";
    }
    return scheme + "://" + host + ":" + address.getPort();
  }
}
