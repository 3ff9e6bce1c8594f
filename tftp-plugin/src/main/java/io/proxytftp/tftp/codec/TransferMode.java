package io.proxytftp.tftp.codec;

import java.util.Locale;
import java.util.Optional;

/** How a file's bytes travel: converted to network ASCII, or unchanged. */
public enum TransferMode {
  /** Text with CR LF line ends and CR sent as CR NUL (RFC 764). */
  NETASCII,
  /** Raw bytes. */
  OCTET,
  /** Obsolete; RFC 1350 says it should not be implemented, but it must still be recognised. */
  MAIL;

  /** The name as sent in a request: {@code "netascii"}, {@code "octet"} or {@code "mail"}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The mode a request names; mode names are case-insensitive (RFC 1350). */
  public static Optional<TransferMode> parse(String wireName) {
    for (TransferMode mode : values()) {
      if (mode.name().equalsIgnoreCase(wireName)) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }
}
