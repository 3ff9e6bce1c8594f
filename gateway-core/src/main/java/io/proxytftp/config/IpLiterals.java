package io.proxytftp.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recognises IPv4 and IPv6 address literals without ever asking DNS: the configuration is checked
 * the same way on a machine with no resolver, and a typo is not silently "fixed" by a lookup.
 */
final class IpLiterals {
  private static final Pattern IPV4 =
      Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
  private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private IpLiterals() {}

  /** The address written as a dotted quad (no leading zeros) or in IPv6 text form (no zone). */
  static Optional<InetAddress> parse(String text) {
    if (isIpv4(text)) {
      return Optional.of(fromDottedQuad(text));
    }
    if (!IPV6_CHARACTERS.matcher(text).matches()) {
      return Optional.empty();
    }
    try {
      // With brackets InetAddress only parses an IPv6 literal; it never falls back to a lookup.
      return Optional.of(InetAddress.getByName("[" + text + "]"));
    } catch (UnknownHostException notIpv6) {
      return Optional.empty();
    }
  }

  static boolean isIpv4(String text) {
    if (!IPV4.matcher(text).matches()) {
      return false;
    }
    for (String part : text.split("\\.")) {
      if (Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }

  static boolean isIpv6(String text) {
    return text.contains(":") && parse(text).isPresent();
  }

  private static InetAddress fromDottedQuad(String quad) {
    String[] parts = quad.split("\\.");
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      bytes[i] = (byte) Integer.parseInt(parts[i]);
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException impossible) {
      throw new IllegalStateException("four bytes are always an IPv4 address", impossible);
    }
  }
}
