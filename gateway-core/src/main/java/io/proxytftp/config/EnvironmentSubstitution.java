package io.proxytftp.config;

import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in a setting's text with environment
 * variables, so that secrets and per-host values need not be written into the file.
 *
 * <p>As in a POSIX shell, the default is used when the variable is unset or empty. A variable that
 * is unset and has no default is an error rather than an empty string, because a silently empty
 * password or address is worse than a refusal to start.
 */
final class EnvironmentSubstitution {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final String DEFAULT_SEPARATOR = ":-";

  private final Function<String, String> environment;

  /**
   * @param environment looks a variable up by name; returns null when it is not set
   */
  EnvironmentSubstitution(Function<String, String> environment) {
    this.environment = environment;
  }

  String apply(String text) throws InvalidValueException {
    StringBuilder result = new StringBuilder();
    int position = 0;
    int start;
    while ((start = text.indexOf("${", position)) >= 0) {
      int end = text.indexOf('}', start);
      if (end < 0) {
        throw new InvalidValueException("'${' without a closing '}'");
      }
      result.append(text, position, start).append(valueOf(text.substring(start + 2, end)));
      position = end + 1;
    }
    return result.append(text.substring(position)).toString();
  }

  private String valueOf(String reference) throws InvalidValueException {
    int separator = reference.indexOf(DEFAULT_SEPARATOR);
    String name = separator < 0 ? reference : reference.substring(0, separator);
    if (!NAME.matcher(name).matches()) {
      throw new InvalidValueException(
          "'${"
              + reference
              + "}' does not name an environment variable"
              + " (names are letters, digits and '_'; write ${NAME} or ${NAME:-default})");
    }
    String value = environment.apply(name);
    if (separator >= 0 && (value == null || value.isEmpty())) {
      return reference.substring(separator + DEFAULT_SEPARATOR.length());
    }
    if (value == null) {
      throw new InvalidValueException(
          "environment variable '"
              + name
              + "' is not set"
              + " (set it, or give a default with ${"
              + name
              + ":-default})");
    }
    return value;
  }
}
