package io.proxytftp.identity;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads the identity's files so that a file the gateway's user may not read is reported as
 * exactly that, naming the path and its owner. {@link Files#exists} answers false for a file in a
 * folder the user cannot enter, which would have the gateway try to create an identity over one it
 * cannot see, and fail with a message that invites an admin to delete the key.
 */
final class IdentityFiles {
  private IdentityFiles() {}

  /** Whether {@code file} is there; an error when the gateway's user cannot tell. */
  static boolean exists(Path file) throws IdentityException {
    try {
      Files.readAttributes(file, BasicFileAttributes.class);
      return true;
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      throw cannotRead(file, e);
    }
  }

  /** The whole of {@code file}, a regular file. */
  static byte[] read(Path file) throws IdentityException {
    if (Files.isDirectory(file)) {
      throw new IdentityException(cannotReadPrefix(file) + ": a folder where a file is expected");
    }
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw cannotRead(file, e);
    }
  }

  /**
   * {@code cannot read /var/lib/proxytftp/identity (owner root; the gateway runs as proxytftp):
   * permission denied}: the folder the user cannot enter is named when that is what stops it.
   */
  static IdentityException cannotRead(Path file, IOException cause) {
    boolean denied = cause instanceof AccessDeniedException;
    Path blocked = denied ? firstClosedFolder(file) : file;
    String reason = denied ? "permission denied" : cause.getMessage();
    return new IdentityException(cannotReadPrefix(blocked) + ": " + reason, cause);
  }

  private static String cannotReadPrefix(Path path) {
    return "cannot read " + path + " (owner " + owner(path) + "; the gateway runs as " + System.getProperty("user.name")
        + ")";
  }

  /** The outermost folder on the way to {@code file} that the user cannot enter, else the file itself. */
  private static Path firstClosedFolder(Path file) {
    Path absolute = file.toAbsolutePath();
    for (int depth = 1; depth < absolute.getNameCount(); depth++) {
      Path folder = absolute.getRoot().resolve(absolute.subpath(0, depth));
      if (!Files.isExecutable(folder)) {
        return folder;
      }
    }
    return file;
  }

  private static String owner(Path path) {
    try {
      return Files.getOwner(path).getName();
    } catch (IOException | UnsupportedOperationException e) {
      return "unknown";
    }
  }
}
