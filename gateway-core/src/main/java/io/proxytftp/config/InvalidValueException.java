package io.proxytftp.config;

/**
 * Thrown by a {@link ValueParser} when a setting's text is not acceptable; the message says why,
 * and the {@link MappingReader} adds where.
 */
final class InvalidValueException extends Exception {
  InvalidValueException(String message) {
    super(message);
  }
}
