package io.proxytftp.tftp.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.proxytftp.tftp.codec.TftpError;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/** The TFTP server's meters, registered once so the hot path only increments. */
final class TftpMetrics {
  final Counter started;
  final Counter completed;
  final Counter failed;
  final Counter bytesSent;
  final Counter retransmissions;
  final Counter ioErrors;
  final Counter waitedForSlot;
  private final Map<TftpError, Counter> errorsSent = new EnumMap<>(TftpError.class);

  TftpMetrics(MeterRegistry registry, Supplier<Number> activeTransfers) {
    started = Counter.builder("tftp.transfers.started").description("Read transfers begun").register(registry);
    completed = Counter.builder("tftp.transfers.completed").description("Read transfers acknowledged to the last block").register(registry);
    failed = Counter.builder("tftp.transfers.failed").description("Read transfers that ended early").register(registry);
    bytesSent = Counter.builder("tftp.bytes.sent").description("Payload bytes in DATA packets, retransmissions included").baseUnit("bytes").register(registry);
    retransmissions = Counter.builder("tftp.retransmissions").description("Packets sent again after a timeout or a loss report").register(registry);
    waitedForSlot = Counter.builder("tftp.requests.waited").description("Read requests past max-transfers that waited for a slot").register(registry);
    ioErrors = Counter.builder("tftp.io.errors").description("Exceptions that reached the I/O handler (a bug or a socket error)").register(registry);
    for (TftpError error : TftpError.values()) {
      errorsSent.put(error, Counter.builder("tftp.errors.sent").tag("code", Integer.toString(error.code()))
          .description("ERROR packets sent, by code").register(registry));
    }
    // Held strongly: the registry keeps a gauge's object weakly, and nothing else holds this supplier,
    // so after the first collection the gauge would read NaN.
    Gauge.builder("tftp.transfers.active", activeTransfers, supplier -> supplier.get().doubleValue())
        .description("Read requests admitted and not yet ended").strongReference(true).register(registry);
  }

  void errorSent(TftpError error) {
    errorsSent.get(error).increment();
  }
}
