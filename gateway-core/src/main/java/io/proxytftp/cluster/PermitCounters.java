package io.proxytftp.cluster;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The {@code upstream.permits.refused} counters, one per reason a permit is refused, and {@code
 * upstream.permits.waited}: fetches that queued for a busy address instead of starting at once.
 */
record PermitCounters(Counter open, Counter busy, Counter waited) {
  static PermitCounters register(MeterRegistry meters) {
    return new PermitCounters(refused(meters, "open"), refused(meters, "busy"),
        Counter.builder("upstream.permits.waited")
            .description("upstream fetches that waited for a busy address's free slot")
            .register(meters));
  }

  private static Counter refused(MeterRegistry meters, String reason) {
    return Counter.builder("upstream.permits.refused")
        .tag("reason", reason)
        .description("upstream fetch permits refused: the address's circuit is open, or a half-open one's probe found it at its bound")
        .register(meters);
  }
}
