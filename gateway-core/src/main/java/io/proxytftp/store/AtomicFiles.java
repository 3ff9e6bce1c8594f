package io.proxytftp.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the small files the gateway keeps (its identity, device index, saved Cluster View) so
 * that a reader, or a start after a crash, sees the old content or the new, never a mix: the new
 * content goes to a temporary file beside the target, is forced to disk, and is renamed over it.
 */
public final class AtomicFiles {
  private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);
  private static final String TEMPORARY = ".tmp";

  private AtomicFiles() {}

  /** Replaces {@code file} with {@code content}, readable by everyone the folder lets in. */
  public static void write(Path file, byte[] content) throws IOException {
    write(file, content, false);
  }

  /** Replaces {@code file} with {@code content}, readable and writable by its owner only. */
  public static void writePrivate(Path file, byte[] content) throws IOException {
    write(file, content, true);
  }

  /** Restricts a file or folder to its owner ({@code rw-------}, or {@code rwx------} for a folder). */
  public static void restrictToOwner(Path path) throws IOException {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwx------" : "rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      LOG.warn("cannot restrict {} to its owner on this file system; protect it yourself", path);
    }
  }

  /**
   * Deletes the temporary files that writes of {@code file} interrupted by a crash left beside it
   * (a write's own {@code finally} cannot run after {@code kill -9}); call it before the first
   * write, while nothing else writes the file. Returns how many there were.
   */
  public static int deleteLeftovers(Path file) throws IOException {
    int deleted = 0;
    try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(file.toAbsolutePath().getParent(),
        file.getFileName() + "*" + TEMPORARY)) {
      for (Path leftover : leftovers) {
        Files.deleteIfExists(leftover);
        deleted++;
      }
    }
    return deleted;
  }

  private static void write(Path file, byte[] content, boolean ownerOnly) throws IOException {
    Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), TEMPORARY);
    try {
      if (ownerOnly) {
        restrictToOwner(temporary);
      }
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      try {
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
