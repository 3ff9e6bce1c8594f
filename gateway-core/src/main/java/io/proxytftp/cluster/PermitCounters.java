package io.proxytftp.cluster;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The {@code upstream.permits.refused} counters, one per reason a permit is refused. */
record RefusalCounters(Counter open, Counter busy) {
  static RefusalCounters register(MeterRegistry meters) {
    return new RefusalCounters(counter(meters, "open"), counter(meters, "busy"));
  }

  private static Counter counter(MeterRegistry meters, String reason) {
    return Counter.builder("upstream.permits.refused")
        .tag("reason", reason)
        .description("upstream fetch permits refused: the address's circuit is open, or it is at its bound")
        .register(meters);
  }
}
