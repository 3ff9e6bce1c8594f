package io.proxytftp.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The typed forms a setting's text can take: whole numbers, booleans, durations, byte sizes. */
final class Scalars {
  private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?[0-9]+");
  private static final Pattern DURATION = Pattern.compile("([0-9]+) ?(ms|s|m|h|d)");
  private static final Pattern BYTE_SIZE = Pattern.compile("([0-9]+) ?(B|KB|MB|GB|KiB|MiB|GiB)?");
  private static final Map<String, Long> BYTE_UNITS =
      Map.of(
          "B", 1L,
          "KB", 1_000L,
          "MB", 1_000_000L,
          "GB", 1_000_000_000L,
          "KiB", 1L << 10,
          "MiB", 1L << 20,
          "GiB", 1L << 30);

  /** Stands in for durations too large to represent, which are above every maximum. */
  private static final Duration FOREVER = Duration.ofSeconds(Long.MAX_VALUE);

  private Scalars() {}

  static int integer(String text, int min, int max) throws InvalidValueException {
    if (!WHOLE_NUMBER.matcher(text).matches()) {
      throw new InvalidValueException("expected a number, got \"" + text + "\"");
    }
    long value;
    try {
      value = Long.parseLong(text);
    } catch (NumberFormatException tooManyDigits) {
      value = text.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    if (value < min || value > max) {
      throw new InvalidValueException("must be between " + min + " and " + max + ", got " + text);
    }
    return (int) value;
  }

  /** Only YAML's true and false: "yes", "on" or "1" are refused as too easy to misread. */
  static boolean bool(String text) throws InvalidValueException {
    switch (text.toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw new InvalidValueException("expected true or false, got \"" + text + "\"");
    }
  }

  /** A duration with a unit: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 365d}. */
  static Duration duration(String text, Duration min, Duration max) throws InvalidValueException {
    Matcher matcher = DURATION.matcher(text);
    if (!matcher.matches()) {
      throw new InvalidValueException(
          "expected a duration such as 500ms, 30s, 5m, 1h or 365d, got \"" + text + "\"");
    }
    Duration value;
    try {
      long amount = Long.parseLong(matcher.group(1));
      value =
          switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
          };
    } catch (ArithmeticException | NumberFormatException tooLarge) {
      value = FOREVER;
    }
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new InvalidValueException(
          "must be between " + format(min) + " and " + format(max) + ", got " + text);
    }
    return value;
  }

  /**
   * A size in bytes: a plain number, or one with a unit, binary ({@code 64KiB}, {@code 256MiB},
   * {@code 4GiB}) or decimal ({@code KB}, {@code MB}, {@code GB}).
   */
  static long bytes(String text) throws InvalidValueException {
    Matcher matcher = BYTE_SIZE.matcher(text);
    if (!matcher.matches()) {
      throw new InvalidValueException(
          "expected a size such as 512, 64KiB, 256MiB, 4GiB or 500MB, got \"" + text + "\"");
    }
    String unit = matcher.group(2) == null ? "B" : matcher.group(2);
    try {
      return Math.multiplyExact(Long.parseLong(matcher.group(1)), BYTE_UNITS.get(unit));
    } catch (ArithmeticException | NumberFormatException tooLarge) {
      throw new InvalidValueException("is too large: " + text);
    }
  }

  /** Writes a duration the way an admin would, in the largest unit that is exact. */
  static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 86_400_000 == 0 && millis != 0) {
      return millis / 86_400_000 + "d";
    }
    if (millis % 3_600_000 == 0 && millis != 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis % 60_000 == 0 && millis != 0) {
      return millis / 60_000 + "m";
    }
    if (millis % 1_000 == 0) {
      return millis / 1_000 + "s";
    }
    return millis + "ms";
  }
}
