package io.proxytftp.sftp.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;

/**
 * What the SFTP view is used for, in the gateway's meter registry: {@code sftp.sessions.opened},
 * {@code sftp.auth.failures}, {@code sftp.files.read} and {@code sftp.bytes.read}.
 */
final class SftpMetrics {
  final Counter sessionsOpened;
  final Counter authFailures;
  final Counter filesRead;
  final Counter bytesRead;

  @Inject
  SftpMetrics(MeterRegistry meters) {
    sessionsOpened = Counter.builder("sftp.sessions.opened").description("SFTP sessions started").register(meters);
    authFailures = Counter.builder("sftp.auth.failures").description("refused SFTP logins").register(meters);
    filesRead = Counter.builder("sftp.files.read").description("files opened over SFTP").register(meters);
    bytesRead = Counter.builder("sftp.bytes.read").baseUnit("bytes").description("bytes read over SFTP")
        .register(meters);
  }
}
