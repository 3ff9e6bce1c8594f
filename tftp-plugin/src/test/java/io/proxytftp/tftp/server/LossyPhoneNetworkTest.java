package io.proxytftp.tftp.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxytftp.config.Limits;
import io.proxytftp.testing.LossyUdpRelay;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.net.tftp.TFTP;
import org.apache.commons.net.tftp.TFTPClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Phones downloading from the gateway across a network that loses, duplicates and reorders
 * datagrams ({@link LossyUdpRelay}: no netem in this container): every file arrives byte for byte,
 * lock-step as phones ask and windowed, with the gateway's short retransmission timeout of the test
 * limits. Each test checks that its relay really misbehaved.
 */
class LossyPhoneNetworkTest {
  /** 10 % lost, 5 % duplicated, 5 % held back: a fifth of all datagrams go wrong. */
  static final LossyUdpRelay.Faults FAULTS = new LossyUdpRelay.Faults(0.10, 0.05, 0.05);
  /**
   * The test limits' 200 ms timeout, resent ten times: a lost packet costs little, and a client
   * whose own timeout is a whole second (atftp's least) is waited for, as the default 1 s x 5 does.
   */
  static final Limits PATIENT = new Limits(4096, 32, 65464, 64, Duration.ofMillis(200), Duration.ofSeconds(5), 10, Duration.ofSeconds(5));

  @TempDir static Path directory;
  static StoreGateway gateway;
  static Path store;
  private LossyUdpRelay relay;

  @BeforeAll
  static void startGateway() throws Exception {
    gateway = StoreGateway.start(directory, PATIENT);
    store = gateway.store();
  }

  @AfterAll
  static void stopGateway() {
    gateway.close();
  }

  @AfterEach
  void closeRelay() {
    relay.close();
  }

  private void startRelay(long seed) throws IOException {
    relay = LossyUdpRelay.start(gateway.tftp(), FAULTS, seed);
  }

  /** Every kind of fault happened; reordering proper needs a window, lock-step only sees delays. */
  private void assertMisbehaved(boolean windowed) {
    LossyUdpRelay.Counts counts = relay.counts();
    assertTrue(counts.dropped() > 0 && counts.duplicated() > 0, relay.toString());
    assertTrue(windowed ? counts.reordered() > 0 : counts.reordered() + counts.delayed() > 0, relay.toString());
  }

  /** Commons Net waits for the server after its request instead of asking again: requests are spared. */
  @Test
  void commonsNetLockStepDownloadsArriveIntact() throws Exception {
    startRelay(1);
    relay.sparingRequests();
    // Empty, one byte short of a block, exact multiples of the block, and larger odd sizes.
    for (int size : new int[] {0, 511, 512, 1024, 25_600, 5_000}) {
      String name = "commons-" + size + ".bin";
      byte[] content = TftpTestFiles.write(store, name, size);
      assertArrayEquals(content, commonsNetDownload(name), () -> name + " through " + relay);
    }
    assertMisbehaved(false);
  }

  @Test
  void rawClientLockStepDownloadsArriveIntact() throws Exception {
    startRelay(2);
    for (int size : new int[] {512 * 32, 20_007}) {
      String name = "lockstep-" + size + ".bin";
      byte[] content = TftpTestFiles.write(store, name, size);
      assertArrayEquals(content, PatientDownload.lockStep().from(relay.address(), name), () -> name + " through " + relay);
    }
    assertMisbehaved(false);
  }

  @ParameterizedTest
  @ValueSource(ints = {512, 1428, 8192})
  void windowedDownloadsArriveIntactAtBlockSize(int blockSize) throws Exception {
    startRelay(blockSize);
    // Exactly four windows, so the last DATA is empty; and a size that ends mid-window.
    for (int size : new int[] {blockSize * 16 * 4, 300_001}) {
      String name = "windowed-" + blockSize + "-" + size + ".bin";
      byte[] content = TftpTestFiles.write(store, name, size);
      assertArrayEquals(content, PatientDownload.windowed(blockSize, 16).from(relay.address(), name),
          () -> name + " through " + relay);
    }
    assertMisbehaved(true);
  }

  @Test
  void blockNumbersRollOverPast65535Blocks() throws Exception {
    // Fewer faults here: each restarts a window of 64 tiny blocks, and there are 65,601 blocks.
    relay = LossyUdpRelay.start(gateway.tftp(), new LossyUdpRelay.Faults(0.01, 0.01, 0.005), 65536);
    byte[] content = TftpTestFiles.write(store, "rollover.bin", 65_600 * 16 + 5);
    assertArrayEquals(content, PatientDownload.windowed(16, 64).from(relay.address(), "rollover.bin"),
        () -> "through " + relay);
    assertMisbehaved(true);
  }

  /**
   * atftp windowed. Not lock-step: atftp answers a block it already has with one extra ACK and
   * ignores further copies, and each copy restarts its own timer, so two lost ACKs in a row leave it
   * silent until the server gives up; at 10 % loss that happens within a few hundred blocks.
   */
  @Test
  void atftpWindowedDownloadArrivesIntact() throws Exception {
    startRelay(3);
    byte[] content = TftpTestFiles.write(store, "atftp-lossy.bin", 300_000);
    Path out = directory.resolve("atftp-lossy.out");
    atftp(List.of("atftp", "--tftp-timeout", "1", "--option", "blksize 1428", "--option", "windowsize 16",
        "-g", "-r", "atftp-lossy.bin", "-l", out.toString(), relay.address().getAddress().getHostAddress(),
        Integer.toString(relay.address().getPort())));
    assertArrayEquals(content, Files.readAllBytes(out), () -> "through " + relay);
    assertMisbehaved(true);
  }

  private byte[] commonsNetDownload(String name) throws IOException {
    TFTPClient client = new TFTPClient();
    client.open();
    try {
      client.setSoTimeout(Duration.ofMillis(300));
      client.setMaxTimeouts(20);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      client.receiveFile(name, TFTP.BINARY_MODE, out, relay.address().getAddress(), relay.address().getPort());
      return out.toByteArray();
    } finally {
      client.close();
    }
  }

  private static void atftp(List<String> command) throws IOException, InterruptedException {
    Path log = Files.createTempFile(directory, "atftp", ".log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish within 60 s");
    }
    assertEquals(0, process.exitValue(), () -> String.join(" ", command) + " failed: " + readQuietly(log));
  }

  private static String readQuietly(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return e.toString();
    }
  }
}
