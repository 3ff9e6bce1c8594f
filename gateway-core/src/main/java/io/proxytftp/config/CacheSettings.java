package io.proxytftp.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Sizes and lifetimes of the gateway's caches.
 *
 * @param memoryBytes the memory tier's capacity, weighed in bytes of content
 * @param diskBytes the disk tier's capacity in bytes
 * @param negativeTtl how long a "no cluster has this file" answer is remembered
 */
public record CacheSettings(long memoryBytes, long diskBytes, Duration negativeTtl) {
  public CacheSettings {
    Objects.requireNonNull(negativeTtl, "negativeTtl");
  }
}
