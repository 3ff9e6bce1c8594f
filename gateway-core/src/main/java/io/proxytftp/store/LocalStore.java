package io.proxytftp.store;

import io.proxytftp.resolve.ResolvedFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * The gateway's own files: a folder an admin fills, served before any remote cluster is asked.
 *
 * <p>Names reaching the store are already normalised (see {@link
 * io.proxytftp.resolve.RequestedNames}); the store still checks that the real path, after
 * symbolic links, stays inside its folder, so a link planted in the store cannot expose the rest of
 * the file system.
 */
public final class LocalStore {
  private final Path root;

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
    try {
      FileChannel channel = FileChannel.open(file.get(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
      BasicFileAttributes attributes = Files.readAttributes(file.get(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return Optional.of(new ChannelFile(normalisedName, channel, channel.size(), attributes.lastModifiedTime().toInstant()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
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
