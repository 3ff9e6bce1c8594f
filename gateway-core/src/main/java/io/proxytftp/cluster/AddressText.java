package io.proxytftp.cluster;

import java.net.Inet6Address;
import java.net.InetSocketAddress;

/** Writes a resolved address as logs and metric tags show it: {@code 10.0.0.1:69}, {@code [2001:db8:0:0:0:0:0:1]:69}. */
public final class AddressText {
  private AddressText() {}

  public static String of(InetSocketAddress address) {
    String host = address.getAddress().getHostAddress();
    return (address.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + address.getPort();
  }
}
