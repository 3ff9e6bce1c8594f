package io.proxytftp.tftp.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxytftp.config.Limits;
import io.proxytftp.testing.TestConfigs;
import io.proxytftp.tftp.codec.OptionAckPacket;
import io.proxytftp.tftp.codec.TftpError;
import io.proxytftp.tftp.codec.TransferMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client's RFC 2349 {@code timeout} is granted only up to {@code limits.max-client-timeout} (5 s
 * in the test limits): a longer one is left out of the OACK and the server keeps its own 200 ms, so
 * a spoofed request asking 255 s frees its slot after about a second instead of 25 minutes.
 */
class ClientTimeoutCeilingTest {
  @TempDir Path directory;
  StoreGateway gateway;
  byte[] content;

  @BeforeEach
  void start() throws Exception {
    gateway = StoreGateway.start(directory);
    content = TftpTestFiles.write(gateway.store(), "a.bin", 3_000);
  }

  @AfterEach
  void stop() {
    gateway.close();
  }

  @Test
  void timeoutAboveTheCeilingIsLeftOutOfTheOackAndTheSlotFreesOnTheServersOwnTimeout() throws Exception {
    Limits limits = TestConfigs.limits();
    try (RawTftpClient spoofed = new RawTftpClient(gateway.tftp())) {
      long started = System.nanoTime();
      spoofed.readRequest("a.bin", TransferMode.OCTET, Map.of("timeout", "255", "tsize", "0"));
      assertEquals(Map.of("tsize", "3000"), spoofed.receive(OptionAckPacket.class).options());
      // Never acknowledged: the OACK is sent again every 200 ms, then the transfer gives up.
      for (int resend = 0; resend < limits.maxRetransmissions(); resend++) {
        spoofed.receive(OptionAckPacket.class);
      }
      spoofed.expectError(TftpError.NOT_DEFINED);
      long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      long ownBound = limits.retransmitTimeout().multipliedBy(limits.maxRetransmissions() + 1).toMillis() + 2_000;
      assertTrue(elapsedMillis < ownBound, "slot held " + elapsedMillis + " ms");
    }
    // The ERROR goes out before the slot is given back.
    await().atMost(Duration.ofSeconds(5))
        .until(() -> gateway.gateway().instance(TftpServer.class).activeTransfers() == 0);
  }

  @Test
  void timeoutAtTheCeilingIsGranted() throws Exception {
    try (RawTftpClient client = new RawTftpClient(gateway.tftp())) {
      client.readRequest("a.bin", TransferMode.OCTET, Map.of("timeout", "5"));
      assertEquals(Map.of("timeout", "5"), client.receive(OptionAckPacket.class).options());
      client.ack(0);
      assertArrayEquals(content, client.downloadRest(512));
    }
  }

  @Test
  void atftpAskingALongTimeoutStillDownloadsTheFile() throws Exception {
    Path out = directory.resolve("atftp.out");
    Path log = directory.resolve("atftp.log");
    List<String> command = List.of("atftp", "--trace", "--option", "timeout 60", "--option", "tsize 0", "-g",
        "-r", "a.bin", "-l", out.toString(), gateway.tftp().getAddress().getHostAddress(),
        Integer.toString(gateway.tftp().getPort()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "atftp did not finish within 30 s");
    String trace = Files.readString(log);
    assertEquals(0, process.exitValue(), trace);
    assertArrayEquals(content, Files.readAllBytes(out));
    assertTrue(trace.contains("OACK") && !trace.contains("timeout=60"), trace);
  }
}
