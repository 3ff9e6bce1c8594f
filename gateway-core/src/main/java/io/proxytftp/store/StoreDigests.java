package io.proxytftp.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.proxytftp.cache.Sha256;
import io.proxytftp.resolve.ResolvedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

/**
 * The SHA-256 of the local store's larger files, computed once per version of a file (its path,
 * file key, size and modification time) when first asked for and remembered, so that a file the
 * admin replaces gets a new digest while one left alone is read through only once. Concurrent
 * askers of one version share one computation.
 */
final class StoreDigests {
  /** Versions remembered; a store holds far fewer large files. */
  private static final int REMEMBERED = 10_000;

  private record Version(Path path, Object fileKey, long size, FileTime modified) {}

  private final Cache<Version, String> digests = Caffeine.newBuilder().maximumSize(REMEMBERED).build();

  /** A file of the store whose digest is looked up here when asked for. */
  ChannelFile file(String name, Path path, FileChannel channel, long size,
      BasicFileAttributes attributes) {
    Version version = new Version(path, attributes.fileKey(), size, attributes.lastModifiedTime());
    return new ChannelFile(name, channel, size, attributes.lastModifiedTime().toInstant(), null) {
      @Override
      public Optional<String> sha256() {
        return Optional.of(digest(version, this));
      }
    };
  }

  private String digest(Version version, ResolvedFile file) {
    return digests.get(version, ignored -> {
      try {
        return Sha256.of(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + version.path() + " to digest it", e);
      }
    });
  }
}
