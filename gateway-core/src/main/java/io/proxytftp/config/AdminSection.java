package io.proxytftp.config;

import java.util.Optional;

/** Reads the {@code admin} section: the admin API's credentials. */
final class AdminSection {
  /** Shorter secrets are refused: the admin API can delete clusters and empty the cache. */
  static final int MIN_TOKEN_LENGTH = 16;

  static final int MIN_PASSWORD_LENGTH = 12;

  private static final TextRule USERNAME =
      new TextRule(1, 64, c -> c > 0x20 && c < 0x7f && c != ':', "printable ASCII without ':' or space");

  private AdminSection() {}

  static AdminSettings read(MappingReader admin) {
    Optional<String> token = admin.optional("token", Optional.empty(), text -> Optional.of(secret(text, MIN_TOKEN_LENGTH)));
    Optional<String> username = admin.optional("username", Optional.empty(), text -> Optional.of(USERNAME.parse(text)));
    Optional<String> password =
        admin.optional("password", Optional.empty(), text -> Optional.of(secret(text, MIN_PASSWORD_LENGTH)));
    admin.finish();
    if (username.isPresent() != password.isPresent()) {
      String missing = username.isPresent() ? "password" : "username";
      if (!admin.refused(missing)) {
        admin.report(missing, "required with " + (username.isPresent() ? "username" : "password"));
      }
    }
    Optional<AdminSettings.BasicCredentials> basic = username.isPresent() && password.isPresent()
        ? Optional.of(new AdminSettings.BasicCredentials(username.get(), password.get()))
        : Optional.empty();
    return new AdminSettings(token, basic);
  }

  private static String secret(String text, int minLength) throws InvalidValueException {
    if (text.length() < minLength) {
      throw new InvalidValueException("must be at least " + minLength + " characters, got " + text.length());
    }
    return text;
  }
}
