package io.proxytftp.config;

import java.util.regex.Pattern;

/**
 * Reads a remote service address written as {@code host[:port]}: a DNS name, an IPv4 literal, or an
 * IPv6 literal (bare, or in brackets when a port follows, as in {@code [2001:db8::1]:69}).
 */
final class HostPort {
  /** TFTP's well-known port, used when an address names none. */
  static final int DEFAULT_PORT = 69;

  private static final int MAX_NAME_LENGTH = 253;
  private static final Pattern LABEL =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  private static final Pattern DIGITS_AND_DOTS = Pattern.compile("[0-9.]+");
  private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

  private HostPort() {}

  static ServiceAddress parse(String text) throws InvalidValueException {
    String host;
    String port = null;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        throw invalid(text, "'[' without a closing ']'");
      }
      host = text.substring(1, close);
      String rest = text.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw invalid(text, "only ':port' may follow ']'");
        }
        port = rest.substring(1);
      }
      if (!IpLiterals.isIpv6(host)) {
        throw invalid(text, "brackets must hold an IPv6 address");
      }
    } else if (text.indexOf(':') != text.lastIndexOf(':')) {
      host = text;
      if (!IpLiterals.isIpv6(host)) {
        throw invalid(text, "not an IPv6 address; write [address]:port to give a port");
      }
    } else {
      int colon = text.indexOf(':');
      host = colon < 0 ? text : text.substring(0, colon);
      port = colon < 0 ? null : text.substring(colon + 1);
      checkNameOrIpv4(text, host);
    }
    return new ServiceAddress(host, port == null ? DEFAULT_PORT : port(text, port));
  }

  private static void checkNameOrIpv4(String text, String host) throws InvalidValueException {
    if (host.isEmpty()) {
      throw invalid(text, "the host is empty");
    }
    if (DIGITS_AND_DOTS.matcher(host).matches()) {
      if (!IpLiterals.isIpv4(host)) {
        throw invalid(text, "not an IPv4 address");
      }
      return;
    }
    if (host.length() > MAX_NAME_LENGTH) {
      throw invalid(text, "a host name has at most " + MAX_NAME_LENGTH + " characters");
    }
    for (String label : host.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        throw invalid(
            text,
            "a host name is dot-separated labels of 1 to 63 letters, digits and '-',"
                + " not starting or ending with '-'");
      }
    }
  }

  private static int port(String text, String port) throws InvalidValueException {
    int number = PORT.matcher(port).matches() ? Integer.parseInt(port) : 0;
    if (number < 1 || number > 65535) {
      throw invalid(text, "the port must be a number from 1 to 65535");
    }
    return number;
  }

  private static InvalidValueException invalid(String text, String reason) {
    return new InvalidValueException("not a host[:port]: \"" + text + "\" (" + reason + ")");
  }
}
