package io.proxytftp.config;

import java.time.Duration;

/** Reads the {@code limits} section: bounds on transfers, connections and their timing. */
final class LimitsSection {
  private LimitsSection() {}

  static Limits read(MappingReader limits) {
    int maxTransfers = limits.integer("max-transfers", 1, Limits.MAX_TRANSFERS, 4096);
    int maxTransfersPerClient = limits.integer("max-transfers-per-client", 1, Limits.MAX_TRANSFERS, 32);
    if (maxTransfersPerClient > maxTransfers && !limits.refused("max-transfers")) {
      limits.report(
          "max-transfers-per-client",
          "must not exceed max-transfers (" + maxTransfers + "), got " + maxTransfersPerClient);
    }
    Limits result =
        new Limits(
            maxTransfers,
            maxTransfersPerClient,
            limits.integer("max-block-size", 8, 65464, 65464),
            limits.integer("max-window-size", 1, 65535, 64),
            limits.duration(
                "retransmit-timeout",
                Duration.ofMillis(10),
                Duration.ofSeconds(255),
                Duration.ofSeconds(1)),
            limits.duration(
                "max-client-timeout", Duration.ofSeconds(1), Duration.ofSeconds(255), Duration.ofSeconds(5)),
            limits.integer("max-retransmissions", 0, 100, 5),
            limits.duration(
                "shutdown-grace", Duration.ZERO, Duration.ofHours(1), Duration.ofSeconds(10)),
            limits.duration(
                "request-head-timeout",
                Duration.ofMillis(100),
                Duration.ofMinutes(5),
                Limits.DEFAULT_REQUEST_HEAD_TIMEOUT));
    limits.finish();
    return result;
  }
}
