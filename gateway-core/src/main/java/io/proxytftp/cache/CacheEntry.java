package io.proxytftp.cache;

import java.time.Instant;
import java.util.Objects;

/**
 * What the cache knows of one stored file: enough to serve it (size), to check it (digest), and
 * for an admin to see where and when it came from.
 *
 * @param name the normalised file name; may contain {@code /}; never used as a path
 * @param size the content's length in bytes
 * @param sha256 the content's SHA-256, lower-case hex
 * @param storedAt when this version was committed
 * @param origin free text saying where it came from, such as {@code cluster-b 127.0.0.1:7001}
 */
public record CacheEntry(String name, long size, String sha256, Instant storedAt, String origin) {
  public CacheEntry {
    if (Objects.requireNonNull(name, "name").isEmpty()) {
      throw new IllegalArgumentException("name is empty");
    }
    if (size < 0) {
      throw new IllegalArgumentException("size " + size + " is negative");
    }
    if (!Sha256.isHex(Objects.requireNonNull(sha256, "sha256"))) {
      throw new IllegalArgumentException("sha256 is not 64 lower-case hex digits: " + sha256);
    }
    Objects.requireNonNull(storedAt, "storedAt");
    Objects.requireNonNull(origin, "origin");
  }
}
