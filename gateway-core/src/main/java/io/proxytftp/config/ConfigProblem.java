package io.proxytftp.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One thing wrong with a configuration file, placed precisely enough that an admin can go straight
 * to it.
 *
 * @param file the configuration file as it was named to the loader
 * @param line 1-based line of the offending text; 0 when the problem concerns the whole file
 * @param column 1-based column of the offending text; 0 when the problem concerns the whole file
 * @param field the setting's path, such as {@code listeners.tftp.port} or {@code
 *     remote-clusters[2].services.tftp.address-1}; {@code (yaml)} for a syntax error and {@code
 *     (file)} when the file cannot be read
 * @param message what is wrong, in words meant for an admin
 */
public record ConfigProblem(Path file, int line, int column, String field, String message) {
  public ConfigProblem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }

  /** The compiler-style form {@code file:line:column: field: message}. */
  @Override
  public String toString() {
    return file + ":" + line + ":" + column + ": " + field + ": " + message;
  }
}
