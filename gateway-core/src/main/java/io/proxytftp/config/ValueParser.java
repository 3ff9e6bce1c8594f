package io.proxytftp.config;

/** Turns a setting's text (after variable substitution) into its value, or says why it cannot. */
@FunctionalInterface
interface ValueParser<T> {
  T parse(String text) throws InvalidValueException;
}
