package io.proxytftp.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Paths in a configuration, relative ones resolved against the configuration file's folder. */
final class PathValues {
  private PathValues() {}

  /** Any path: folders the gateway creates as needed. */
  static ValueParser<Path> path(Path configFolder) {
    return text -> resolve(configFolder, text);
  }

  /**
   * A folder that must exist now and be readable, unless it is {@code created}, the default the
   * gateway creates at start: a mistyped folder would otherwise answer "not found" for every file.
   */
  static ValueParser<Path> existingFolder(Path configFolder, Path created) {
    return text -> {
      Path folder = resolve(configFolder, text);
      if (folder.equals(created)) {
        return folder;
      }
      if (!Files.exists(folder)) {
        throw new InvalidValueException("no such folder: " + folder + " (only the default, <data-directory>/store, is created)");
      }
      if (!Files.isDirectory(folder)) {
        throw new InvalidValueException("not a folder: " + folder);
      }
      if (!Files.isReadable(folder) || !Files.isExecutable(folder)) {
        throw new InvalidValueException("cannot be read: " + folder);
      }
      return folder;
    };
  }

  /** A file that must exist and be readable now, such as a certificate. */
  static ValueParser<Path> readableFile(Path configFolder) {
    return text -> {
      Path file = resolve(configFolder, text);
      if (!Files.isRegularFile(file)) {
        throw new InvalidValueException("no such file: " + file);
      }
      if (!Files.isReadable(file)) {
        throw new InvalidValueException("cannot be read: " + file);
      }
      return file;
    };
  }

  private static Path resolve(Path configFolder, String text) throws InvalidValueException {
    if (text.isEmpty()) {
      throw new InvalidValueException("must not be empty");
    }
    try {
      return configFolder.resolve(text).normalize();
    } catch (InvalidPathException e) {
      throw new InvalidValueException("not a valid path: " + e.getReason());
    }
  }
}
