package io.proxytftp.cluster;

import java.net.Inet6Address;
import java.net.InetSocketAddress;

/**
 * Writes a resolved address as logs and metric tags show it: {@code 10.0.0.1:69}, {@code [2001:db8:0:0:0:0:0:1]:69};
 * never with the host name or the leading slash of {@link InetSocketAddress#toString()}, so that one
 * address reads the same in every log line, answer and cache entry.
 */
public final class AddressText {
  private AddressText() {}

  public static String of(InetSocketAddress address) {
    String host = address.getAddress().getHostAddress();
    return (address.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + address.getPort();
  }

  /** Where a file came from, as a cache entry names it: {@code cluster-a 10.0.0.1:69}. */
  public static String origin(String clusterId, InetSocketAddress address) {
    return clusterId + " " + of(address);
  }
}
