package io.proxytftp.config;

import java.time.Duration;

/** Reads the {@code upstream} section: timeouts, per-address bounds, circuit breaking, DNS. */
final class UpstreamSection {
  private UpstreamSection() {}

  static UpstreamSettings read(MappingReader upstream) {
    UpstreamSettings result =
        new UpstreamSettings(
            upstream.duration("timeout", Duration.ofMillis(10), Duration.ofSeconds(255), Duration.ofSeconds(1)),
            upstream.duration("search-timeout", Duration.ofMillis(100), Duration.ofMinutes(5), Duration.ofSeconds(3)),
            upstream.duration("fetch-deadline", Duration.ofSeconds(1), Duration.ofHours(24), Duration.ofMinutes(10)),
            upstream.integer("max-fetches-per-address", 1, 10_000, 16),
            upstream.integer("failures-before-open", 1, 1_000, 3),
            upstream.duration("open-interval", Duration.ofMillis(100), Duration.ofHours(1), Duration.ofSeconds(30)),
            upstream.duration("dns-refresh", Duration.ofSeconds(1), Duration.ofDays(1), Duration.ofMinutes(5)),
            upstream.duration(
                "hedge-after", Duration.ofMillis(10), Duration.ofHours(1), UpstreamSettings.DEFAULT_HEDGE_AFTER));
    upstream.finish();
    return result;
  }
}
