package io.proxytftp.http.upstream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxytftp.http.upstream.ClusterHttpServer.Behaviour;
import io.proxytftp.upstream.ContentSink;
import io.proxytftp.upstream.FetchResult;
import io.proxytftp.upstream.UpstreamException;
import io.proxytftp.upstream.UpstreamRequest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The HTTP fetcher against a real HTTP server on loopback, in each way that server can answer. */
class HttpFetcherTest {
  static final String FIRMWARE = "sip88xx.14-2-1-0001-14.sbn";
  static final Duration TIMEOUT = Duration.ofMillis(300);
  static final Duration DEADLINE = Duration.ofSeconds(30);

  @TempDir Path root;
  final HttpFetcher fetcher = new HttpFetcher();
  ClusterHttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = ClusterHttpServer.serving(root);
    fetcher.start();
  }

  @AfterEach
  void stop() throws Exception {
    fetcher.stop(Duration.ZERO);
    server.close();
  }

  private byte[] write(String name, int size) throws IOException {
    byte[] content = new byte[size];
    new Random(name.hashCode()).nextBytes(content);
    Path file = root.resolve(name);
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    return content;
  }

  private static UpstreamRequest request(String name, InetSocketAddress address, Duration deadline, List<String> via) {
    return new UpstreamRequest(name, address, TIMEOUT, deadline, via);
  }

  private CompletableFuture<FetchResult> fetch(String name, ContentSink sink) {
    return fetcher.fetch(request(name, server.address(), DEADLINE, List.of("gw-a")), sink);
  }

  /** The failure a fetch ended with, unwrapped. */
  private static Throwable failure(CompletableFuture<FetchResult> fetch) {
    return assertThrows(ExecutionException.class, () -> fetch.get(10, TimeUnit.SECONDS)).getCause();
  }

  @Test
  void streamsTheFileIntoTheSinkAnnouncingItsContentLength() throws Exception {
    byte[] content = write(FIRMWARE, 3_000_000);
    RecordingSink sink = new RecordingSink();
    assertEquals(new FetchResult.Fetched(content.length), fetch(FIRMWARE, sink).get(10, TimeUnit.SECONDS));
    assertEquals(OptionalLong.of(content.length), sink.announced());
    assertArrayEquals(content, sink.bytes());
    assertTrue(sink.writes() > 1, "the body came in " + sink.writes() + " write");
  }

  @Test
  void missingFileIsNotFound() throws Exception {
    RecordingSink sink = new RecordingSink();
    FetchResult result = fetch("SEP001956A3A472.cnf.xml", sink).get(10, TimeUnit.SECONDS);
    assertInstanceOf(FetchResult.NotFound.class, result);
    assertEquals(null, sink.announced());
  }

  /** A proxytftp upstream names itself on every answer, "not found" too; the core is told either way. */
  @ParameterizedTest
  @EnumSource(value = Behaviour.class, names = {"SERVES", "NOT_FOUND"})
  void theHopAProxytftpUpstreamAnswersWithIsReportedToTheSink(Behaviour answer) throws Exception {
    write(FIRMWARE, 1000);
    server.behave(answer);
    server.namedAs("gw-b#2xw4tq9p");
    RecordingSink sink = new RecordingSink();
    fetch(FIRMWARE, sink).get(10, TimeUnit.SECONDS);
    assertEquals(List.of("gw-b#2xw4tq9p"), sink.hops());
  }

  @Test
  void anUpstreamThatNamesNoHopReportsNone() throws Exception {
    write(FIRMWARE, 1000);
    RecordingSink sink = new RecordingSink();
    fetch(FIRMWARE, sink).get(10, TimeUnit.SECONDS);
    assertEquals(List.of(), sink.hops());
  }

  @Test
  void serverErrorFailsWithItsStatusAndNothingBegins() throws Exception {
    write(FIRMWARE, 1000);
    server.behave(Behaviour.FAILS);
    RecordingSink sink = new RecordingSink();
    Throwable failure = failure(fetch(FIRMWARE, sink));
    assertInstanceOf(UpstreamException.class, failure);
    assertTrue(failure.getMessage().contains("HTTP 500"), failure.getMessage());
    assertEquals(null, sink.announced());
  }

  /** Broken off mid-body without a Content-Length, or ended short of the Content-Length announced. */
  @ParameterizedTest
  @EnumSource(value = Behaviour.class, names = {"BREAKS_OFF", "WRONG_LENGTH"})
  void bodyEndingShortFails(Behaviour shortBody) throws Exception {
    byte[] content = write(FIRMWARE, 200_000);
    server.behave(shortBody);
    RecordingSink sink = new RecordingSink();
    assertInstanceOf(UpstreamException.class, failure(fetch(FIRMWARE, sink)));
    long due = sink.announced().orElse(content.length);
    assertTrue(sink.received() < due, "received " + sink.received() + " of " + due);
  }

  @Test
  void refusedConnectionFails() throws Exception {
    Throwable failure = failure(fetcher.fetch(request(FIRMWARE, Ports.closedTcp(), DEADLINE, List.of()),
        new RecordingSink()));
    assertInstanceOf(UpstreamException.class, failure);
    assertTrue(failure.getMessage().contains("refused"), failure.getMessage());
  }

  /** Asserts that the fetch fails with an upstream exception saying {@code why}, well before {@code bound}. */
  private static void assertFailsSoon(Supplier<CompletableFuture<FetchResult>> fetch, String why, Duration bound) {
    long started = System.nanoTime();
    Throwable failure = failure(fetch.get());
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertInstanceOf(UpstreamException.class, failure);
    assertTrue(failure.getMessage().contains(why), failure.getMessage());
    assertTrue(took.compareTo(bound) < 0, "took " + took);
  }

  @Test
  void serverSilentPastTheTimeoutFails() throws Exception {
    write(FIRMWARE, 1000);
    server.behave(Behaviour.SILENT);
    assertFailsSoon(() -> fetch(FIRMWARE, new RecordingSink()), "did not answer within 300 ms", Duration.ofSeconds(3));
  }

  @Test
  void bodyStalledPastTheDeadlineFails() throws Exception {
    write(FIRMWARE, 200_000);
    server.behave(Behaviour.STALLS);
    UpstreamRequest shortDeadline = request(FIRMWARE, server.address(), Duration.ofSeconds(1), List.of());
    assertFailsSoon(() -> fetcher.fetch(shortDeadline, new RecordingSink()), "deadline", Duration.ofSeconds(5));
  }

  @Test
  void cancellingAbortsTheExchange() throws Exception {
    // Large enough that what follows the stall can never fit in the loopback socket's buffers, so
    // the server's writes must fail once the gateway has closed the connection.
    write(FIRMWARE, 48_000_000);
    server.behave(Behaviour.STALLS);
    RecordingSink sink = new RecordingSink();
    CompletableFuture<FetchResult> fetch = fetch(FIRMWARE, sink);
    await().atMost(Duration.ofSeconds(10)).until(() -> sink.received() > 0);
    assertTrue(fetch.cancel(true));
    server.release();
    await().atMost(Duration.ofSeconds(10)).until(() -> server.aborted() == 1);
    assertTrue(sink.received() < 48_000_000, "received " + sink.received());
  }

  @Test
  void viaListGoesUpstreamAsAHeader() throws Exception {
    write(FIRMWARE, 1000);
    fetcher.fetch(request(FIRMWARE, server.address(), DEADLINE, List.of("gw-a", "gw-b")), new RecordingSink())
        .get(10, TimeUnit.SECONDS);
    fetcher.fetch(request(FIRMWARE, server.address(), DEADLINE, List.of()), new RecordingSink())
        .get(10, TimeUnit.SECONDS);
    assertEquals(List.of("gw-a,gw-b", ""), server.viaHeaders());
  }

  @Test
  void nameIsPercentEncodedSegmentBySegment() throws Exception {
    String name = "Desktops/320x212x12/a b%41?#+.png";
    byte[] content = write(name, 5000);
    RecordingSink sink = new RecordingSink();
    assertEquals(new FetchResult.Fetched(content.length), fetch(name, sink).get(10, TimeUnit.SECONDS));
    assertArrayEquals(content, sink.bytes());
    assertEquals(List.of("/Desktops/320x212x12/a%20b%2541%3F%23%2B.png"), server.rawPaths());
  }

  @Test
  void sinkThatRefusesToBeginEndsTheFetchWithItsReasonAsCause() throws Exception {
    write(FIRMWARE, 1000);
    IOException refusal = new IOException("another cluster answered first");
    ContentSink refusing = new ContentSink() {
      @Override
      public void begin(OptionalLong announcedSize) throws IOException {
        throw refusal;
      }

      @Override
      public void write(ByteBuffer bytes) {
        throw new AssertionError("written after refusing to begin");
      }
    };
    Throwable failure = failure(fetch(FIRMWARE, refusing));
    assertTrue(failure == refusal || failure.getCause() == refusal, String.valueOf(failure));
  }

  @Test
  void stoppedFetcherRefusesFetches() throws Exception {
    fetcher.stop(Duration.ZERO);
    Throwable failure = failure(fetch(FIRMWARE, new RecordingSink()));
    assertInstanceOf(UpstreamException.class, failure);
  }
}
