package io.proxytftp.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where one listener binds. Port 0 asks the system for a free port (used by tests).
 *
 * @param enabled whether the listener opens at all
 * @param bindAddress the local address; loopback unless an admin chooses otherwise
 * @param port 0..65535
 */
public record ListenerSettings(boolean enabled, InetAddress bindAddress, int port) {
  public ListenerSettings {
    Objects.requireNonNull(bindAddress, "bindAddress");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  public InetSocketAddress socketAddress() {
    return new InetSocketAddress(bindAddress, port);
  }
}
