package io.proxytftp.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;

/**
 * Small files held in memory, so the files every phone asks for at boot are served without disk
 * I/O. Weighed by content bytes. Each copy remembers the version it is of, and is served only
 * while that version is current, so a copy put late by a slow reader can never serve stale
 * content.
 */
final class MemoryTier {
  /** Larger files gain little from memory and would crowd out many small ones. */
  static final long LARGEST_FILE = 1 << 20;

  private final Cache<String, Copy> copies;
  private final long largestFile;

  private record Copy(CacheEntry entry, byte[] content) {}

  /** A tier of {@code capacity} bytes; zero turns the tier off. */
  MemoryTier(long capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("memory capacity " + capacity + " is negative");
    }
    largestFile = capacity == 0 ? -1 : Math.min(LARGEST_FILE, capacity / 8);
    copies = Caffeine.newBuilder()
        .maximumWeight(capacity)
        .weigher((String name, Copy copy) -> copy.content().length)
        .executor(Runnable::run)
        .build();
  }

  /** Whether a file of this size belongs in memory. */
  boolean accepts(long size) {
    return size <= largestFile;
  }

  /** The content of exactly this version, if held. */
  Optional<byte[]> get(CacheEntry entry) {
    Copy copy = copies.getIfPresent(entry.name());
    return copy != null && copy.entry().equals(entry) ? Optional.of(copy.content()) : Optional.empty();
  }

  /** Holds the content of a version, if its size {@link #accepts belongs}; the caller gives it up. */
  void put(CacheEntry entry, byte[] content) {
    if (accepts(content.length)) {
      copies.put(entry.name(), new Copy(entry, content));
    }
  }

  void invalidate(String name) {
    copies.invalidate(name);
  }

  void clear() {
    copies.invalidateAll();
  }
}
