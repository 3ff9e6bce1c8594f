package io.proxytftp.store;

import io.proxytftp.resolve.BytesFile;
import io.proxytftp.resolve.ResolvedFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Optional;

/**
 * The gateway's own files: a folder an admin fills, served before any remote cluster is asked.
 *
 * <p>Names reaching the store are already normalised (see {@link
 * io.proxytftp.resolve.RequestedNames}); the store still checks that the real path, after
 * symbolic links, stays inside its folder, so a link planted in the store cannot expose the rest of
 * the file system.
 *
 * <p>A file of at most {@link #READ_WHOLE} bytes (configurations, trust lists, ring lists: most of
 * what phones ask for) is read at once and its descriptor closed: a transfer of it then costs no
 * file system call per block and holds no descriptor, which at ten thousand transfers at once
 * would otherwise double the descriptors the process needs. Its digest is computed from the bytes
 * when asked for; a larger file's digest is remembered per version ({@link StoreDigests}).
 */
public final class LocalStore {
  static final int READ_WHOLE = 64 * 1024;

  private final Path root;
  private final StoreDigests digests = new StoreDigests();

  public LocalStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /**
   * Opens a normalised name for reading.
   *
   * @return empty when there is no regular file of that name inside the store
   */
  public Optional<ResolvedFile> open(String normalisedName) throws IOException {
    Optional<Path> file = locate(normalisedName);
    if (file.isEmpty()) {
      return Optional.empty();
    }
    FileChannel channel;
    try {
      channel = FileChannel.open(file.get(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    try {
      BasicFileAttributes attributes = Files.readAttributes(file.get(), BasicFileAttributes.class,
          LinkOption.NOFOLLOW_LINKS);
      Instant lastModified = attributes.lastModifiedTime().toInstant();
      long size = channel.size();
      if (size <= READ_WHOLE) {
        try (ChannelFile whole = new ChannelFile(normalisedName, channel, size, lastModified, null)) {
          return Optional.of(new BytesFile(normalisedName, whole.readAll(READ_WHOLE), lastModified));
        }
      }
      return Optional.of(digests.file(normalisedName, file.get(), channel, size, attributes));
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** Whether a regular file of that name is inside the store. */
  public boolean contains(String normalisedName) throws IOException {
    return locate(normalisedName).isPresent();
  }

  /** The real path of a regular file of that name inside the store. */
  private Optional<Path> locate(String normalisedName) throws IOException {
    Path candidate = root.resolve(normalisedName).normalize();
    if (!candidate.startsWith(root)) {
      return Optional.empty();
    }
    try {
      Path real = candidate.toRealPath();
      if (!real.startsWith(root.toRealPath())) {
        return Optional.empty();
      }
      BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return attributes.isRegularFile() ? Optional.of(real) : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }
}
