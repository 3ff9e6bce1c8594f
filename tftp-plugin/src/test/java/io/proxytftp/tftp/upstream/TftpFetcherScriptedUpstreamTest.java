package io.proxytftp.tftp.upstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxytftp.tftp.codec.AckPacket;
import io.proxytftp.tftp.codec.DataPacket;
import io.proxytftp.tftp.codec.ErrorPacket;
import io.proxytftp.tftp.codec.OptionAckPacket;
import io.proxytftp.tftp.codec.ReadRequest;
import io.proxytftp.tftp.codec.TftpError;
import io.proxytftp.tftp.codec.TftpPacket;
import io.proxytftp.upstream.ContentSink;
import io.proxytftp.upstream.FetchResult;
import io.proxytftp.upstream.UpstreamException;
import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fetcher against a server that misbehaves on cue. */
class TftpFetcherScriptedUpstreamTest {
  private final ScriptedUpstream upstream = new ScriptedUpstream();
  private final CollectingSink sink = new CollectingSink();
  private RunningFetcher fetcher;

  @AfterEach
  void stop() throws Exception {
    upstream.close();
    if (fetcher != null) {
      fetcher.close();
    }
  }

  private CompletableFuture<FetchResult> fetch(TftpFetcherSettings settings) throws Exception {
    fetcher = new RunningFetcher(settings);
    return fetcher.fetch("SEP001122334455.cnf.xml", upstream.address(), sink);
  }

  private CompletableFuture<FetchResult> fetch() throws Exception {
    return fetch(TftpFetcherSettings.withDefaults(16));
  }

  /** Answers the request with an OACK of 512-byte blocks, lock-step, and takes the ACK 0. */
  private void acknowledgeOptions(Map<String, String> options) throws IOException {
    upstream.awaitRequest();
    upstream.send(new OptionAckPacket(options));
    assertEquals(new AckPacket(0), upstream.receive());
  }

  private static byte[] bytes(int length, long seed) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static DataPacket data(int block, byte[] content, int from, int length) {
    return new DataPacket(block, ByteBuffer.wrap(content, from, length));
  }

  private static UpstreamException failure(CompletableFuture<FetchResult> result) {
    ExecutionException thrown = assertThrows(ExecutionException.class, () -> result.get(10, TimeUnit.SECONDS));
    return assertInstanceOf(UpstreamException.class, thrown.getCause());
  }

  @Test
  void requestAsksForEveryOptionAndNamesTheGatewaysPassed() throws Exception {
    fetcher = RunningFetcher.withDefaults();
    CompletableFuture<FetchResult> result = fetcher.fetch(
        RunningFetcher.request("a.cnf", upstream.address(), List.of("gw-a", "gw-b")), sink);
    ReadRequest request = upstream.awaitRequest();
    assertEquals(Map.of("blksize", "1428", "windowsize", "16", "tsize", "0", "timeout", "1",
        "proxytftp-via", "gw-a,gw-b"), request.options());
    assertEquals("a.cnf", request.filename());
    upstream.send(new ErrorPacket(TftpError.FILE_NOT_FOUND, "no such file"));
    assertEquals(new FetchResult.NotFound("no such file"), result.get(10, TimeUnit.SECONDS));
  }

  /** Fetches 100 bytes, asking with a via list, from an upstream that acknowledges {@code oack}. */
  private void fetchAcknowledgedWith(Map<String, String> oack) throws Exception {
    byte[] content = bytes(100, 12);
    fetcher = RunningFetcher.withDefaults();
    CompletableFuture<FetchResult> result = fetcher.fetch(
        RunningFetcher.request("a.cnf", upstream.address(), List.of("gw-a#k3vq7zma")), sink);
    acknowledgeOptions(oack);
    upstream.send(data(1, content, 0, 100));
    assertEquals(new AckPacket(1), upstream.receive());
    assertEquals(new FetchResult.Fetched(100), result.get(10, TimeUnit.SECONDS));
    assertArrayEquals(content, sink.bytes());
  }

  /** A proxytftp upstream answers the loop guard's option with its own hop, which the core is told of. */
  @Test
  void upstreamAnsweringTheViaOptionWithItsHopIsReportedToTheSink() throws Exception {
    fetchAcknowledgedWith(Map.of("blksize", "512", "tsize", "100", "proxytftp-via", "gw-b#2xw4tq9p"));
    assertEquals(List.of("gw-b#2xw4tq9p"), sink.hops());
  }

  @Test
  void upstreamLeavingTheViaOptionOutNamesNoHop() throws Exception {
    fetchAcknowledgedWith(Map.of("blksize", "512", "tsize", "100"));
    assertEquals(List.of(), sink.hops());
  }

  @Test
  void requestWithoutViaListSendsNoViaOption() throws Exception {
    CompletableFuture<FetchResult> result = fetch();
    assertFalse(upstream.awaitRequest().options().containsKey("proxytftp-via"));
    result.cancel(true);
  }

  @Test
  void upstreamIgnoringOptionsFallsBackToPlainRfc1350() throws Exception {
    byte[] content = bytes(612, 1);
    CompletableFuture<FetchResult> result = fetch();
    upstream.awaitRequest();
    upstream.send(data(1, content, 0, 512));
    assertEquals(new AckPacket(1), upstream.receive());
    upstream.send(data(2, content, 512, 100));
    assertEquals(new AckPacket(2), upstream.receive());
    assertEquals(new FetchResult.Fetched(612), result.get(10, TimeUnit.SECONDS));
    assertArrayEquals(content, sink.bytes());
    assertEquals(OptionalLong.empty(), sink.announced());
  }

  @Test
  void optionRefusalRetriesWithPlainRequestFromFreshPort() throws Exception {
    byte[] content = bytes(10, 2);
    CompletableFuture<FetchResult> result = fetch();
    assertFalse(upstream.awaitRequest().options().isEmpty());
    var firstPort = upstream.client();
    upstream.send(new ErrorPacket(TftpError.OPTION_REFUSED, "no options here"));
    assertEquals(Map.of(), upstream.awaitRequest().options());
    assertNotEquals(firstPort, upstream.client());
    upstream.send(data(1, content, 0, 10));
    assertEquals(new AckPacket(1), upstream.receive());
    assertEquals(new FetchResult.Fetched(10), result.get(10, TimeUnit.SECONDS));
    assertArrayEquals(content, sink.bytes());
  }

  @Test
  void silentUpstreamFailsAfterMaxRetransmissions() throws Exception {
    long started = System.nanoTime();
    CompletableFuture<FetchResult> result = fetch(new TftpFetcherSettings(1428, 16, 2, 16));
    for (int sent = 0; sent < 3; sent++) {
      upstream.awaitRequest(); // the request, then each retransmission
    }
    UpstreamException failure = failure(result);
    assertTrue(failure.getMessage().startsWith("upstream silent"), failure.getMessage());
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertTrue(elapsedMillis < 3 * RunningFetcher.TIMEOUT.toMillis() + 2_000, elapsedMillis + " ms");
  }

  @Test
  void errorMidTransferFailsNamingCodeAndMessage() throws Exception {
    byte[] content = bytes(512, 3);
    CompletableFuture<FetchResult> result = fetch();
    acknowledgeOptions(Map.of("blksize", "512", "windowsize", "1"));
    upstream.send(data(1, content, 0, 512));
    assertEquals(new AckPacket(1), upstream.receive());
    upstream.send(new ErrorPacket(TftpError.DISK_FULL, "read error"));
    UpstreamException failure = failure(result);
    assertTrue(failure.getMessage().contains("error 3: read error"), failure.getMessage());
  }

  @Test
  void lyingTsizeFailsWithSizeMismatch() throws Exception {
    byte[] content = bytes(700, 4);
    CompletableFuture<FetchResult> result = fetch();
    acknowledgeOptions(Map.of("blksize", "512", "windowsize", "1", "tsize", "1000"));
    upstream.send(data(1, content, 0, 512));
    assertEquals(new AckPacket(1), upstream.receive());
    upstream.send(data(2, content, 512, 188));
    ErrorPacket told = assertInstanceOf(ErrorPacket.class, upstream.receive());
    assertEquals(TftpError.NOT_DEFINED, told.error());
    assertEquals("size mismatch: announced 1000, received 700", failure(result).getMessage());
    assertEquals(OptionalLong.of(1000), sink.announced());
  }

  @Test
  void oversizedDataFailsWithErrorFour() throws Exception {
    byte[] content = bytes(600, 5);
    CompletableFuture<FetchResult> result = fetch();
    acknowledgeOptions(Map.of("blksize", "512"));
    upstream.send(data(1, content, 0, 600));
    assertEquals(TftpError.ILLEGAL_OPERATION, ((ErrorPacket) upstream.receive()).error());
    assertTrue(failure(result).getMessage().startsWith("oversized DATA"));
    assertEquals(0, sink.bytes().length);
  }

  @Test
  void blockSkippingAheadIsDroppedAndLastInOrderBlockReAcked() throws Exception {
    byte[] content = bytes(1124, 6);
    CompletableFuture<FetchResult> result = fetch();
    acknowledgeOptions(Map.of("blksize", "512", "windowsize", "4"));
    upstream.send(data(1, content, 0, 512));
    upstream.send(data(3, bytes(512, 7), 0, 512)); // block 2 was "lost"
    assertEquals(new AckPacket(1), upstream.receive());
    upstream.send(data(2, content, 512, 512));
    upstream.send(data(3, content, 1024, 100));
    assertEquals(new AckPacket(3), upstream.receive());
    assertEquals(new FetchResult.Fetched(1124), result.get(10, TimeUnit.SECONDS));
    assertArrayEquals(content, sink.bytes());
  }

  @Test
  void duplicateBlockIsReAckedOnceAndNeverWrittenTwice() throws Exception {
    byte[] content = bytes(612, 8);
    CompletableFuture<FetchResult> result = fetch();
    acknowledgeOptions(Map.of("blksize", "512", "windowsize", "1"));
    upstream.send(data(1, content, 0, 512));
    assertEquals(new AckPacket(1), upstream.receive());
    upstream.send(data(1, content, 0, 512));
    assertEquals(new AckPacket(1), upstream.receive());
    upstream.send(data(2, content, 512, 100));
    assertEquals(new AckPacket(2), upstream.receive());
    assertEquals(new FetchResult.Fetched(612), result.get(10, TimeUnit.SECONDS));
    assertArrayEquals(content, sink.bytes());
  }

  @Test
  void packetFromForeignPortGetsErrorFiveAndFetchStillSucceeds() throws Exception {
    byte[] content = bytes(512, 9);
    CompletableFuture<FetchResult> result = fetch();
    acknowledgeOptions(Map.of("blksize", "512", "windowsize", "1"));
    try (DatagramSocket stranger = ScriptedUpstream.open()) {
      upstream.sendFrom(stranger, data(1, bytes(512, 10), 0, 512));
      ErrorPacket refused = assertInstanceOf(ErrorPacket.class, ScriptedUpstream.receiveFrom(stranger));
      assertEquals(TftpError.UNKNOWN_TRANSFER_ID, refused.error());
    }
    upstream.send(data(1, content, 0, 512));
    assertEquals(new AckPacket(1), upstream.receive());
    upstream.send(data(2, content, 0, 0));
    assertEquals(new AckPacket(2), upstream.receive());
    assertEquals(new FetchResult.Fetched(512), result.get(10, TimeUnit.SECONDS));
    assertArrayEquals(content, sink.bytes());
  }

  @Test
  void blockNumbersRollOverPast65535() throws Exception {
    byte[] content = bytes(600_004, 11);
    CompletableFuture<FetchResult> result = fetch(new TftpFetcherSettings(8, 16, 5, 16));
    acknowledgeOptions(Map.of("blksize", "8", "windowsize", "16", "tsize", Integer.toString(content.length)));
    upstream.serve(content, 8, 16);
    assertEquals(new FetchResult.Fetched(content.length), result.get(30, TimeUnit.SECONDS));
    assertTrue(Arrays.equals(content, sink.bytes()), "content differs");
  }

  @Test
  void unrequestedOptionInOackIsRefusedWithErrorEight() throws Exception {
    CompletableFuture<FetchResult> result = fetch();
    upstream.awaitRequest();
    upstream.send(new OptionAckPacket(Map.of("blksize", "512", "multicast", "1")));
    assertEquals(TftpError.OPTION_REFUSED, ((ErrorPacket) upstream.receive()).error());
    assertTrue(failure(result).getMessage().contains("multicast"));
  }

  @Test
  void cancellationSendsErrorZeroToUpstream() throws Exception {
    CompletableFuture<FetchResult> result = fetch();
    acknowledgeOptions(Map.of("blksize", "512", "windowsize", "1"));
    assertTrue(result.cancel(true));
    TftpPacket told = upstream.receive();
    assertEquals(TftpError.NOT_DEFINED, assertInstanceOf(ErrorPacket.class, told).error());
  }

  @Test
  void failingSinkSendsErrorZeroAndFailsWithItsException() throws Exception {
    IOException diskFull = new IOException("disk full");
    ContentSink failing = new ContentSink() {
      @Override
      public void begin(OptionalLong announcedSize) {}

      @Override
      public void write(ByteBuffer bytes) throws IOException {
        throw diskFull;
      }
    };
    fetcher = RunningFetcher.withDefaults();
    CompletableFuture<FetchResult> result = fetcher.fetch("f", upstream.address(), failing);
    acknowledgeOptions(Map.of("blksize", "512", "windowsize", "1"));
    upstream.send(data(1, bytes(512, 12), 0, 512));
    assertEquals(TftpError.NOT_DEFINED, ((ErrorPacket) upstream.receive()).error());
    assertEquals(diskFull, failure(result).getCause());
  }

  @Test
  void fetchesPastTheBoundFailAtOnce() throws Exception {
    CompletableFuture<FetchResult> first = fetch(new TftpFetcherSettings(1428, 16, 5, 1));
    UpstreamException refused = failure(fetcher.fetch("other", upstream.address(), new CollectingSink()));
    assertTrue(refused.getMessage().startsWith("too many concurrent fetches"), refused.getMessage());
    first.cancel(true);
  }
}
