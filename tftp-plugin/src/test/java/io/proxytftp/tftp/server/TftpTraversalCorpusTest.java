package io.proxytftp.tftp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.proxytftp.tftp.codec.ErrorPacket;
import io.proxytftp.tftp.codec.TftpError;
import io.proxytftp.testing.TraversalCorpus;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every name of the shared traversal corpus, sent as the exact bytes of a raw RRQ: the answer is
 * always one ERROR packet (1 not found, 2 refused name, or 4 when the bytes are no valid request,
 * e.g. a NUL mid-name turns the rest into a bad mode), never DATA, and the secrets planted beside the
 * store are never served.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TftpTraversalCorpusTest {
  static final Set<TftpError> CLEAN_REFUSALS =
      Set.of(TftpError.FILE_NOT_FOUND, TftpError.ACCESS_VIOLATION, TftpError.ILLEGAL_OPERATION);

  @TempDir static Path directory;
  StoreGateway gateway;

  @BeforeAll
  void start() throws Exception {
    TraversalCorpus.plantSecrets(directory);
    gateway = StoreGateway.start(directory);
    TftpTestFiles.write(gateway.store(), "XMLDefault.cnf.xml", 100);
  }

  @AfterAll
  void stop() {
    gateway.close();
  }

  static ByteBuffer readRequest(byte[] name) {
    ByteArrayOutputStream datagram = new ByteArrayOutputStream();
    datagram.write(0);
    datagram.write(1);
    datagram.writeBytes(name);
    datagram.write(0);
    datagram.writeBytes("octet".getBytes(StandardCharsets.US_ASCII));
    datagram.write(0);
    return ByteBuffer.wrap(datagram.toByteArray());
  }

  @ParameterizedTest
  @MethodSource("io.proxytftp.testing.TraversalCorpus#payloads")
  void everyTraversalNameAnswersOneCleanError(TraversalCorpus.Payload payload) throws Exception {
    try (RawTftpClient client = new RawTftpClient(gateway.tftp())) {
      client.sendToListener(readRequest(payload.bytes()));
      ErrorPacket answer = client.receive(ErrorPacket.class);
      assertTrue(CLEAN_REFUSALS.contains(answer.error()), () -> answer.error() + ": " + answer.message());
      assertTrue(!answer.message().contains(TraversalCorpus.SECRET), answer.message());
      client.expectSilence(Duration.ofMillis(50));
    }
    assertEquals(0.0, gateway.gateway().instance(MeterRegistry.class)
        .counter("tftp.transfers.started").count(), "no transfer was ever started");
  }
}
