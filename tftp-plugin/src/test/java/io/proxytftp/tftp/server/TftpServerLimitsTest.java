package io.proxytftp.tftp.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.proxytftp.config.Limits;
import io.proxytftp.tftp.codec.DataPacket;
import io.proxytftp.tftp.codec.ErrorPacket;
import io.proxytftp.tftp.codec.TftpError;
import io.proxytftp.testing.RunningGateway;
import io.proxytftp.testing.TestConfigs;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Concurrency limits, graceful stop and metrics of a real server. */
class TftpServerLimitsTest {
  @TempDir Path directory;
  RunningGateway gateway;

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  private InetSocketAddress start(int maxTransfers, int maxPerClient, Duration grace) throws Exception {
    Path store = Files.createDirectories(directory.resolve("store"));
    TftpTestFiles.write(store, "a.bin", 5000);
    Limits defaults = TestConfigs.limits();
    Limits limits = new Limits(maxTransfers, maxPerClient, defaults.maxBlockSize(), defaults.maxWindowSize(),
        Duration.ofSeconds(2), defaults.maxClientTimeout(), defaults.maxRetransmissions(), grace);
    gateway = RunningGateway.start(TestConfigs.gateway(directory, store, InetAddress.getLoopbackAddress(), limits));
    return gateway.address("tftp");
  }

  @Test
  void transfersPastPerClientAndOverallLimitsGetAnError() throws Exception {
    InetSocketAddress server = start(2, 1, Duration.ofSeconds(1));
    try (RawTftpClient first = new RawTftpClient(server);
        RawTftpClient sameAddress = new RawTftpClient(server);
        RawTftpClient otherPhone = new RawTftpClient(server, InetAddress.getByName("127.0.0.2"));
        RawTftpClient thirdPhone = new RawTftpClient(server, InetAddress.getByName("127.0.0.3"))) {
      first.readRequest("a.bin");
      first.receive(DataPacket.class);
      sameAddress.readRequest("a.bin");
      assertTrue(sameAddress.expectError(TftpError.NOT_DEFINED).message().contains("from this address"));
      otherPhone.readRequest("a.bin");
      otherPhone.receive(DataPacket.class);
      thirdPhone.readRequest("a.bin");
      assertTrue(thirdPhone.expectError(TftpError.NOT_DEFINED).message().contains("server busy"));
    }
  }

  /** A phone that asks while the gateway is full waits a moment instead of being turned away at once. */
  @Test
  void aRequestPastTheLimitIsServedWhenASlotFreesWithinItsWait() throws Exception {
    InetSocketAddress server = start(1, 1, Duration.ofSeconds(1));
    byte[] content = Files.readAllBytes(directory.resolve("store/a.bin"));
    try (RawTftpClient first = new RawTftpClient(server);
        RawTftpClient waiting = new RawTftpClient(server, InetAddress.getByName("127.0.0.2"))) {
      first.readRequest("a.bin");
      first.receive(DataPacket.class);
      waiting.readRequest("a.bin");
      first.ack(1);
      assertEquals(5000 - 512, first.downloadRest(512).length);
      assertArrayEquals(content, waiting.downloadRest(512));
    }
    assertEquals(1, gateway.instance(MeterRegistry.class).counter("tftp.requests.waited").count());
  }

  /** A configuration check-config calls valid starts: the upstream fetcher's own bound is derived within its range. */
  @Test
  void gatewayStartsWithTheLargestTransferLimitTheConfigurationAllows() throws Exception {
    InetSocketAddress server = start(Limits.MAX_TRANSFERS, 32, Duration.ofSeconds(1));
    assertArrayEquals(Files.readAllBytes(directory.resolve("store/a.bin")), RawTftpClient.download(server, "a.bin"));
  }

  @Test
  void stopLetsTransferInFlightFinishAndRefusesNewRequests() throws Exception {
    InetSocketAddress server = start(16, 16, Duration.ofSeconds(20));
    byte[] content = Files.readAllBytes(directory.resolve("store/a.bin"));
    try (RawTftpClient inFlight = new RawTftpClient(server)) {
      inFlight.readRequest("a.bin");
      DataPacket first = inFlight.receive(DataPacket.class);
      CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> gateway.stop(Duration.ofSeconds(20)));
      // Asks for a missing file until the answer is no longer "not found" but "shutting down".
      Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
        try (RawTftpClient late = new RawTftpClient(server)) {
          late.readRequest("missing.bin");
          ErrorPacket refused = late.receive(ErrorPacket.class);
          assertTrue(refused.message().contains("shutting down"), refused.message());
        }
      });
      byte[] firstPayload = new byte[first.payload().remaining()];
      first.payload().get(firstPayload);
      inFlight.ack(first.block());
      byte[] rest = inFlight.downloadRest(512);
      byte[] all = new byte[firstPayload.length + rest.length];
      System.arraycopy(firstPayload, 0, all, 0, firstPayload.length);
      System.arraycopy(rest, 0, all, firstPayload.length, rest.length);
      assertArrayEquals(content, all);
      stopping.get(10, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  @Test
  void stopEndsTransfersStillInFlightAfterGrace() throws Exception {
    InetSocketAddress server = start(16, 16, Duration.ZERO);
    try (RawTftpClient inFlight = new RawTftpClient(server)) {
      inFlight.readRequest("a.bin");
      inFlight.receive(DataPacket.class);
      gateway.stop(Duration.ofMillis(100));
      ErrorPacket error = inFlight.receive(ErrorPacket.class);
      assertEquals(TftpError.NOT_DEFINED, error.error());
      assertTrue(error.message().contains("shutting down"), error.message());
    }
  }

  @Test
  void metricsCountTransfersBytesAndRetransmissions() throws Exception {
    InetSocketAddress server = start(16, 16, Duration.ofSeconds(1));
    try (RawTftpClient client = new RawTftpClient(server)) {
      client.readRequest("a.bin");
      client.receive(DataPacket.class);
      client.receive(DataPacket.class); // not acknowledged: sent again after the 2 s timeout
      client.ack(1);
      client.downloadRest(512);
    }
    MeterRegistry meters = gateway.instance(MeterRegistry.class);
    Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      assertEquals(1.0, meters.counter("tftp.transfers.started").count());
      assertEquals(1.0, meters.counter("tftp.transfers.completed").count());
      assertEquals(0.0, meters.counter("tftp.transfers.failed").count());
      assertEquals(1.0, meters.counter("tftp.retransmissions").count());
      assertEquals(5000.0 + 512, meters.counter("tftp.bytes.sent").count());
      assertEquals(0.0, meters.get("tftp.transfers.active").gauge().value());
    });
  }
}
