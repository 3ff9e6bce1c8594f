package io.proxytftp.tftp.codec;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** Checks and normalisations shared by the packet records, the codec and the negotiator. */
final class Fields {
  private static final int MAX_UNSIGNED_SHORT = 0xFFFF;

  private Fields() {}

  static int requireInRange(int value, int min, int max, String what) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(what + " " + value + " outside " + min + ".." + max);
    }
    return value;
  }

  static Duration requirePositive(Duration value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(what + " " + value + " is not positive");
    }
    return value;
  }

  static int requireUnsignedShort(int value, String what) {
    return requireInRange(value, 0, MAX_UNSIGNED_SHORT, what);
  }

  /** A string that can be sent NUL-terminated: not null and without NUL characters. */
  static String requireWireText(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(what + " contains a NUL character");
    }
    return value;
  }

  /** A request's filename: sendable and not empty. */
  static String requireFilename(String filename) {
    if (requireWireText(filename, "filename").isEmpty()) {
      throw new IllegalArgumentException("empty filename");
    }
    return filename;
  }

  /**
   * Adds one option the way RFC 2347 asks: names are case-insensitive, so they are lower-cased, and
   * a repeated option keeps its first value.
   */
  static void putOption(Map<String, String> target, String name, String value) {
    target.putIfAbsent(name.toLowerCase(Locale.ROOT), value);
  }

  /** An unmodifiable, order-keeping copy with lower-cased names; the first of duplicates wins. */
  static Map<String, String> options(Map<String, String> options) {
    Map<String, String> copy = new LinkedHashMap<>();
    options.forEach(
        (name, value) -> {
          if (requireWireText(name, "option name").isEmpty()) {
            throw new IllegalArgumentException("empty option name");
          }
          putOption(copy, name, requireWireText(value, "value of option " + name));
        });
    return Collections.unmodifiableMap(copy);
  }
}
