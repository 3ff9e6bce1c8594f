package io.proxytftp.cache;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The cache could not write to its own folder (a full disk, a folder made unwritable or replaced):
 * the gateway's fault, never that of the cluster whose bytes it was storing. The message says so and
 * names the path, for an admin to act on.
 */
public final class CacheWriteException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path path;

  /**
   * @param where the path being written, named unless the cause names a more precise one
   */
  CacheWriteException(Path where, IOException cause) {
    super("local write failed at " + pathOf(where, cause) + ": " + reason(cause), cause);
    this.path = pathOf(where, cause);
  }

  /** The file or folder the cache could not write. */
  public Path path() {
    return path;
  }

  private static Path pathOf(Path where, IOException cause) {
    if (cause instanceof FileSystemException named && named.getFile() != null) {
      return Path.of(named.getFile());
    }
    return where;
  }

  private static String reason(IOException cause) {
    if (cause instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (cause instanceof FileAlreadyExistsException) {
      return "a file is in the way";
    }
    if (cause instanceof NoSuchFileException) {
      return "no such file or folder";
    }
    if (cause instanceof FileSystemException named && named.getReason() != null) {
      return named.getReason();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }
}
