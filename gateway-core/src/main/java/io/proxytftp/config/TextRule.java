package io.proxytftp.config;

import java.util.function.IntPredicate;

/**
 * A length range and a character class for a name or free text, such as the Cluster View's rules
 * for cluster ids and descriptions.
 *
 * @param minLength fewest characters allowed
 * @param maxLength most characters allowed
 * @param allowed which characters may appear
 * @param characterRule the character class in words, completing "character 'x' is not allowed
 *     (...)"
 */
record TextRule(int minLength, int maxLength, IntPredicate allowed, String characterRule)
    implements ValueParser<String> {

  /** Letters A-Z and a-z, and digits 0-9; deliberately ASCII only. */
  static boolean isLetterOrDigit(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  @Override
  public String parse(String text) throws InvalidValueException {
    int length = text.codePointCount(0, text.length());
    if (length < minLength) {
      throw new InvalidValueException(
          minLength == 1 ? "must not be empty" : "must be at least " + minLength + " characters");
    }
    if (length > maxLength) {
      throw new InvalidValueException(
          "must be at most " + maxLength + " characters, got " + length);
    }
    int refused = text.codePoints().filter(allowed.negate()).findFirst().orElse(-1);
    if (refused >= 0) {
      throw new InvalidValueException(
          "character '" + Character.toString(refused) + "' is not allowed (" + characterRule + ")");
    }
    return text;
  }
}
