package io.proxytftp.tftp.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxytftp.identity.InstanceToken;
import io.proxytftp.tftp.codec.AckPacket;
import io.proxytftp.tftp.codec.DataPacket;
import io.proxytftp.tftp.codec.ErrorPacket;
import io.proxytftp.tftp.codec.OptionAckPacket;
import io.proxytftp.tftp.codec.TftpCodec;
import io.proxytftp.tftp.codec.TftpError;
import io.proxytftp.tftp.codec.TransferMode;
import io.proxytftp.tftp.codec.WriteRequest;
import io.proxytftp.testing.RunningGateway;
import io.proxytftp.testing.TestConfigs;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 1350, 2347-2349 and 7440 behaviour, packet by packet, against a real server on loopback. */
class TftpServerProtocolTest {
  @TempDir Path directory;
  Path store;
  RunningGateway gateway;
  InetSocketAddress server;
  RawTftpClient client;

  @BeforeEach
  void start() throws Exception {
    StoreGateway served = StoreGateway.start(directory);
    store = served.store();
    gateway = served.gateway();
    server = served.tftp();
    client = new RawTftpClient(server);
  }

  @AfterEach
  void stop() {
    client.close();
    gateway.close();
  }

  @Test
  void rrqForUnknownFileAnswersError1() throws Exception {
    client.readRequest("SEP001122334455.cnf.xml");
    client.expectError(TftpError.FILE_NOT_FOUND);
  }

  @Test
  void errorsAnsweringRequestsComeFromAnotherPortThanTheListener() throws Exception {
    client.readRequest("missing.xml");
    RawTftpClient.Received answer = client.receive();
    assertInstanceOf(ErrorPacket.class, answer.packet());
    assertNotEquals(server.getPort(), answer.from().getPort());
  }

  @Test
  void wrqAnswersError2() throws Exception {
    client.sendToListener(TftpCodec.encode(new WriteRequest("upload.bin", TransferMode.OCTET, Map.of())));
    client.expectError(TftpError.ACCESS_VIOLATION);
    assertTrue(Files.notExists(store.resolve("upload.bin")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"../secret.txt", "..\\secret.txt", "a/../../secret.txt", "/../secret.txt",
      "C:\\secret.txt", "a/./b", "name\u0001", "caf\u00e9.xml", "dir/"})
  void namesThatCouldEscapeTheStoreAnswerError2(String name) throws Exception {
    Files.writeString(directory.resolve("secret.txt"), "secret");
    client.readRequest(name);
    client.expectError(TftpError.ACCESS_VIOLATION);
  }

  @Test
  void overLongNameAnswersError2() throws Exception {
    client.readRequest("a".repeat(300));
    client.expectError(TftpError.ACCESS_VIOLATION);
  }

  @Test
  void leadingSlashAndBackslashesAreNormalised() throws Exception {
    byte[] content = TftpTestFiles.write(store, "English_United_States/mk-sip.jar", 700);
    client.readRequest("/English_United_States\\mk-sip.jar");
    assertArrayEquals(content, client.downloadRest(512));
  }

  @Test
  void strayNulAfterModeIsAccepted() throws Exception {
    byte[] content = TftpTestFiles.write(store, "XMLDefault.cnf.xml", 100);
    client.sendToListener(ByteBuffer.wrap("\u0000\u0001XMLDefault.cnf.xml\u0000octet\u0000\u0000".getBytes(StandardCharsets.US_ASCII)));
    assertArrayEquals(content, client.downloadRest(512));
  }

  @Test
  void unknownOpcodeAnswersError4() throws Exception {
    client.sendToListener(ByteBuffer.wrap(new byte[] {0, 9, 'x', 0}));
    client.expectError(TftpError.ILLEGAL_OPERATION);
  }

  @Test
  void ackOnListenerPortAnswersError4() throws Exception {
    client.sendToListener(TftpCodec.encode(new AckPacket(1)));
    client.expectError(TftpError.ILLEGAL_OPERATION);
  }

  @Test
  void mailModeAnswersError4() throws Exception {
    TftpTestFiles.write(store, "a.txt", 10);
    client.readRequest("a.txt", TransferMode.MAIL, Map.of());
    client.expectError(TftpError.ILLEGAL_OPERATION);
  }

  @Test
  void transferAnswersFromItsOwnPort() throws Exception {
    TftpTestFiles.write(store, "a.bin", 10);
    client.readRequest("a.bin");
    RawTftpClient.Received first = client.receive();
    assertEquals(server.getAddress(), first.from().getAddress());
    assertNotEquals(server.getPort(), first.from().getPort());
  }

  @Test
  void concurrentTransfersEachHaveAPortOfTheirOwn() throws Exception {
    TftpTestFiles.write(store, "a.bin", 2000);
    try (RawTftpClient second = new RawTftpClient(server)) {
      client.readRequest("a.bin");
      second.readRequest("a.bin");
      InetSocketAddress firstPort = client.receive().from();
      InetSocketAddress secondPort = second.receive().from();
      assertNotEquals(firstPort, secondPort);
      assertNotEquals(server.getPort(), secondPort.getPort());
    }
  }

  @Test
  void latePacketToAFinishedTransfersPortGetsError5() throws Exception {
    TftpTestFiles.write(store, "a.bin", 100);
    client.readRequest("a.bin");
    client.receive(DataPacket.class);
    client.ack(1);
    // The transfer has ended; its port is back in the pool and belongs to no transfer.
    Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      client.ack(1);
      client.expectError(TftpError.UNKNOWN_TRANSFER_ID);
    });
  }

  @Test
  void optionsAreAcknowledgedWithGrantedValues() throws Exception {
    byte[] content = TftpTestFiles.write(store, "firmware.sbn", 5000);
    Map<String, String> options = new LinkedHashMap<>();
    options.put("blksize", "1428");
    options.put("tsize", "0");
    options.put("timeout", "3");
    options.put("windowsize", "4");
    options.put("x-unknown", "1");
    client.readRequest("firmware.sbn", TransferMode.OCTET, options);
    OptionAckPacket oack = client.receive(OptionAckPacket.class);
    assertEquals(Map.of("blksize", "1428", "tsize", "5000", "timeout", "3", "windowsize", "4"), oack.options());
    client.ack(0);
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    for (int block = 1; block <= 4; block++) {
      DataPacket data = client.receive(DataPacket.class);
      assertEquals(block, data.block());
      received.write(bytes(data.payload()));
    }
    client.ack(4);
    assertArrayEquals(content, received.toByteArray());
  }

  @Test
  void blksizeAboveConfiguredMaximumIsReducedInOack() throws Exception {
    gateway.close();
    var limits = TestConfigs.limits();
    var capped = new io.proxytftp.config.Limits(limits.maxTransfers(), limits.maxTransfersPerClient(), 1024,
        limits.maxWindowSize(), limits.retransmitTimeout(), limits.maxClientTimeout(), limits.maxRetransmissions(),
        limits.shutdownGrace());
    gateway = RunningGateway.start(TestConfigs.gateway(directory, store, server.getAddress(), capped));
    client.close();
    client = new RawTftpClient(gateway.address("tftp"));
    TftpTestFiles.write(store, "a.bin", 3000);
    client.readRequest("a.bin", TransferMode.OCTET, Map.of("blksize", "8192"));
    assertEquals(Map.of("blksize", "1024"), client.receive(OptionAckPacket.class).options());
  }

  @Test
  void blksizeAndWindowsizeAboveWhatIsAllowedAreGrantedTheLargestAllowed() throws Exception {
    TftpTestFiles.write(store, "a.bin", 3000);
    Map<String, String> options = new LinkedHashMap<>();
    options.put("blksize", "65535");
    options.put("windowsize", "70000");
    client.readRequest("a.bin", TransferMode.OCTET, options);
    // The test gateway allows blksize 65464 (the RFC 2348 maximum) and windowsize 64.
    assertEquals(Map.of("blksize", "65464", "windowsize", "64"), client.receive(OptionAckPacket.class).options());
    client.ack(0);
    assertEquals(3000, client.receive(DataPacket.class).payload().remaining());
  }

  @ParameterizedTest
  @ValueSource(strings = {"blksize=7", "blksize=abc", "blksize=-1", "timeout=0", "timeout=256",
      "windowsize=0", "windowsize=4x"})
  void badOptionValueAnswersError8(String option) throws Exception {
    TftpTestFiles.write(store, "a.bin", 10);
    String[] pair = option.split("=");
    client.readRequest("a.bin", TransferMode.OCTET, Map.of(pair[0], pair[1]));
    client.expectError(TftpError.OPTION_REFUSED);
  }

  @Test
  void onlyUnknownOptionsMeanNoOack() throws Exception {
    byte[] content = TftpTestFiles.write(store, "a.bin", 10);
    client.readRequest("a.bin", TransferMode.OCTET, Map.of("multicast", "", "x-vendor", "1"));
    assertArrayEquals(content, client.downloadRest(512));
  }

  /** Another proxytftp gateway asking learns which gateway it asked, from the OACK it gets anyway. */
  @Test
  void cascadeOptionIsAnsweredWithTheServersOwnHop() throws Exception {
    TftpTestFiles.write(store, "a.bin", 3000);
    client.readRequest("a.bin", TransferMode.OCTET, Map.of("blksize", "1024", "proxytftp-via", "gw-a#2xw4tq9p"));
    assertEquals(Map.of("blksize", "1024", "proxytftp-via", gateway.instance(InstanceToken.class).hop().toString()),
        client.receive(OptionAckPacket.class).options());
  }

  @Test
  void cascadeOptionAloneMeansNoOack() throws Exception {
    byte[] content = TftpTestFiles.write(store, "a.bin", 10);
    client.readRequest("a.bin", TransferMode.OCTET, Map.of("proxytftp-via", "gw-a#2xw4tq9p"));
    assertArrayEquals(content, client.downloadRest(512));
  }

  @Test
  void clientRejectingOackEndsTransfer() throws Exception {
    TftpTestFiles.write(store, "a.bin", 3000);
    client.readRequest("a.bin", TransferMode.OCTET, Map.of("blksize", "1024"));
    client.receive(OptionAckPacket.class);
    client.send(TftpCodec.error(TftpError.OPTION_REFUSED, "no thanks"), client.peer());
    client.expectSilence(Duration.ofMillis(600));
  }

  @Test
  void packetFromForeignTidGetsError5AndDoesNotDisturbTransfer() throws Exception {
    byte[] content = TftpTestFiles.write(store, "a.bin", 1500);
    client.readRequest("a.bin");
    DataPacket first = client.receive(DataPacket.class);
    try (RawTftpClient intruder = new RawTftpClient(server)) {
      intruder.send(TftpCodec.encode(new AckPacket(1)), client.peer());
      intruder.expectError(TftpError.UNKNOWN_TRANSFER_ID);
    }
    client.ack(first.block());
    ByteArrayOutputStream rest = new ByteArrayOutputStream();
    rest.write(bytes(first.payload()));
    rest.write(client.downloadRest(512));
    assertArrayEquals(content, rest.toByteArray());
  }

  @Test
  void retransmittedRrqDoesNotStartSecondTransfer() throws Exception {
    TftpTestFiles.write(store, "a.bin", 100);
    client.readRequest("a.bin");
    client.readRequest("a.bin");
    client.readRequest("a.bin");
    RawTftpClient.Received first = client.receive();
    assertEquals(1, assertInstanceOf(DataPacket.class, first.packet()).block());
    // A second transfer would send its DATA 1 from another port; copies from the same port are
    // retransmissions of the one transfer.
    Optional<RawTftpClient.Received> next;
    while ((next = client.poll(Duration.ofMillis(500))).isPresent()) {
      assertEquals(first.from(), next.get().from(), "a second transfer was started");
    }
  }

  @Test
  void duplicateAckIsNeverAnsweredWithData() throws Exception {
    TftpTestFiles.write(store, "a.bin", 2000);
    // A long timeout, so that any DATA seen below can only be an answer to the duplicates.
    client.readRequest("a.bin", TransferMode.OCTET, Map.of("timeout", "5"));
    client.receive(OptionAckPacket.class);
    client.ack(0);
    assertEquals(1, client.receive(DataPacket.class).block());
    client.ack(1);
    client.ack(1);
    client.ack(1);
    assertEquals(2, client.receive(DataPacket.class).block());
    client.expectSilence(Duration.ofSeconds(1));
  }

  @Test
  void lostDataIsSentAgainAfterTimeout() throws Exception {
    byte[] content = TftpTestFiles.write(store, "a.bin", 700);
    client.readRequest("a.bin");
    DataPacket first = client.receive(DataPacket.class);
    DataPacket again = client.receive(DataPacket.class); // no ACK: the server times out and resends
    assertEquals(first.block(), again.block());
    assertArrayEquals(bytes(first.payload()), bytes(again.payload()));
    client.ack(1);
    byte[] rest = client.downloadRest(512);
    assertEquals(content.length - 512, rest.length);
  }

  @Test
  void lostAckIsRecoveredByRetransmittedData() throws Exception {
    byte[] content = TftpTestFiles.write(store, "a.bin", 1200);
    client.readRequest("a.bin");
    DataPacket first = client.receiveData(1);
    client.ack(1);
    DataPacket second = client.receiveData(2);
    // Pretend our ACK of block 2 was lost: the server must send block 2 again.
    assertEquals(2, client.receive(DataPacket.class).block());
    client.ack(2);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.write(bytes(first.payload()));
    all.write(bytes(second.payload()));
    all.write(client.downloadRest(512));
    assertArrayEquals(content, all.toByteArray());
  }

  @Test
  void silentClientIsGivenUpAfterBoundedRetransmissions() throws Exception {
    TftpTestFiles.write(store, "a.bin", 700);
    client.readRequest("a.bin");
    int dataPackets = 0;
    while (true) {
      RawTftpClient.Received received = client.receive();
      if (received.packet() instanceof ErrorPacket error) {
        assertEquals(TftpError.NOT_DEFINED, error.error());
        break;
      }
      dataPackets++;
    }
    assertEquals(1 + TestConfigs.limits().maxRetransmissions(), dataPackets);
  }

  @Test
  void windowEndingMidWaySendsNothingPastTheLastBlockAndEndsOnItsAck() throws Exception {
    TftpTestFiles.write(store, "short-window.bin", 512 * 2 + 7);
    client.readRequest("short-window.bin", TransferMode.OCTET, Map.of("windowsize", "4"));
    client.receive(OptionAckPacket.class);
    client.ack(0);
    for (int expected = 1; expected <= 3; expected++) {
      assertEquals(expected, client.receive(DataPacket.class).block());
    }
    client.ack(3);
    // Neither an empty block 4 nor, once block 3 is acknowledged, any retransmission.
    client.expectSilence(TestConfigs.limits().retransmitTimeout().multipliedBy(2));
  }

  @Test
  void windowedTransferRestartsAfterLastInOrderAck() throws Exception {
    byte[] content = TftpTestFiles.write(store, "a.bin", 512 * 10 + 7);
    client.readRequest("a.bin", TransferMode.OCTET, Map.of("windowsize", "4", "timeout", "5"));
    client.receive(OptionAckPacket.class);
    client.ack(0);
    byte[][] blocks = new byte[12][];
    for (int i = 1; i <= 4; i++) {
      DataPacket data = client.receive(DataPacket.class);
      blocks[data.block()] = bytes(data.payload());
    }
    // Block 3 "was lost": acknowledge block 2, the last one in order. The window restarts at 3.
    client.ack(2);
    for (int expected = 3; expected <= 6; expected++) {
      DataPacket data = client.receive(DataPacket.class);
      assertEquals(expected, data.block());
      blocks[data.block()] = bytes(data.payload());
    }
    client.ack(6);
    for (int expected = 7; expected <= 10; expected++) {
      DataPacket data = client.receive(DataPacket.class);
      assertEquals(expected, data.block());
      blocks[data.block()] = bytes(data.payload());
    }
    client.ack(10);
    DataPacket last = client.receive(DataPacket.class);
    assertEquals(11, last.block());
    blocks[11] = bytes(last.payload());
    client.ack(11);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (int i = 1; i <= 11; i++) {
      all.write(blocks[i]);
    }
    assertArrayEquals(content, all.toByteArray());
  }

  @Test
  void blockNumbersRollOverPast65535() throws Exception {
    int blockSize = 8;
    byte[] content = TftpTestFiles.write(store, "big.bin", blockSize * 70_000 + 3);
    client.readRequest("big.bin", TransferMode.OCTET, Map.of("blksize", "8", "windowsize", "64", "timeout", "5"));
    client.receive(OptionAckPacket.class);
    client.ack(0);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    long expected = 1;
    while (true) {
      DataPacket data = client.receive(DataPacket.class);
      if (data.block() != (expected & 0xFFFF)) {
        continue; // a window sent again before our ACK arrived, as a real receiver would see it
      }
      byte[] payload = bytes(data.payload());
      all.write(payload);
      if (payload.length < blockSize) {
        client.ack(data.block());
        break;
      }
      if (expected % 64 == 0) {
        client.ack(data.block());
      }
      expected++;
    }
    assertTrue(expected > 65536, "the transfer must pass block 65535");
    assertArrayEquals(content, all.toByteArray());
  }

  @Test
  void netasciiConvertsLineEnds() throws Exception {
    Files.writeString(store.resolve("RingList.xml"), "<a>\n<b>\r</b>\n");
    client.readRequest("RingList.xml", TransferMode.NETASCII, Map.of());
    assertArrayEquals("<a>\r\n<b>\r\0</b>\r\n".getBytes(StandardCharsets.US_ASCII), client.downloadRest(512));
  }

  @Test
  void netasciiDoesNotAcknowledgeTsize() throws Exception {
    Files.writeString(store.resolve("RingList.xml"), "<a>\n");
    client.readRequest("RingList.xml", TransferMode.NETASCII, Map.of("tsize", "0", "blksize", "512"));
    assertEquals(Map.of("blksize", "512"), client.receive(OptionAckPacket.class).options());
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }
}
