package io.proxytftp.config;

import java.time.Duration;

/** Reads the {@code caches} section: cache capacities and how long a miss is remembered. */
final class CachesSection {
  private CachesSection() {}

  static CacheSettings read(MappingReader caches) {
    CacheSettings result =
        new CacheSettings(
            caches.bytes("memory-size", 256L << 20),
            caches.bytes("disk-size", 4L << 30),
            caches.duration(
                "negative-ttl", Duration.ZERO, Duration.ofHours(1), Duration.ofSeconds(30)));
    caches.finish();
    return result;
  }
}
