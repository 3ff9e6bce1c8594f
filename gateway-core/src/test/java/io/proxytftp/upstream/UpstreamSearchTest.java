package io.proxytftp.upstream;

import static io.proxytftp.upstream.ScriptedFetcher.Answer.NOT_FOUND;
import static io.proxytftp.upstream.ScriptedFetcher.Answer.SERVES;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxytftp.cluster.ClusterTarget;
import io.proxytftp.cluster.UpstreamHealth;
import io.proxytftp.resolve.ResolvedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search's own bookkeeping, with fetchers of the SPI: where a fetched file is committed, and
 * how it waits for a busy address and what that address's silence means for its answer.
 */
class UpstreamSearchTest {
  static final InetSocketAddress A = new InetSocketAddress("127.0.0.1", 69);
  static final InetSocketAddress B = new InetSocketAddress("127.0.0.2", 69);
  static final byte[] CONTENT = "SEP001956A3A472 configuration".repeat(400).getBytes(StandardCharsets.US_ASCII);

  @TempDir Path directory;
  final ScriptedFetcher tftp = new ScriptedFetcher("tftp", CONTENT);
  SearchFixture fixture;
  UpstreamSearch search;

  @BeforeEach
  void start() throws Exception {
    fixture = new SearchFixture(directory);
    search = fixture.search(tftp);
  }

  @AfterEach
  void stop() throws InterruptedException {
    fixture.close();
  }

  private CompletableFuture<SearchOutcome> startSearchOfBoth() {
    return search.search("SEP001956A3A472.cnf.xml",
        List.of(new ClusterTarget("a", List.of(A), OptionalInt.empty()), new ClusterTarget("b", List.of(B), OptionalInt.empty())),
        List.of("gw-test"));
  }

  private List<UpstreamHealth.Permit> holdEveryPermitOf(InetSocketAddress address) {
    List<UpstreamHealth.Permit> held = new ArrayList<>();
    for (int i = 0; i < fixture.settings.maxFetchesPerAddress(); i++) {
      held.add(fixture.health.acquire(address).getNow(Optional.empty()).orElseThrow());
    }
    return held;
  }

  /**
   * In a boot storm the phone's home cluster may be the busy one: the search waits for its turn
   * there instead of ending with the other clusters' "not found".
   */
  @Test
  void searchWaitsForABusyAddressAndAsksItWhenASlotFrees() throws Exception {
    tftp.answers(A, NOT_FOUND).answers(B, SERVES);
    List<UpstreamHealth.Permit> held = holdEveryPermitOf(B);
    CompletableFuture<SearchOutcome> outcome = startSearchOfBoth();
    await().atMost(Duration.ofSeconds(5)).until(() -> tftp.asked().size() == 1);
    assertFalse(outcome.isDone(), "ended while B, which holds the file, had not been asked");

    held.remove(0).released();
    SearchOutcome.Found found = assertInstanceOf(SearchOutcome.Found.class, outcome.get(10, TimeUnit.SECONDS));
    assertEquals(B, found.address());
    assertEquals(List.of(A, B), tftp.asked().stream().map(UpstreamRequest::address).toList());
    held.forEach(UpstreamHealth.Permit::released);
  }

  /**
   * An address still busy at the search timeout has said nothing about the file: "not found" from
   * the others must not pass for every cluster's answer, which the resolver would remember.
   */
  @Test
  void notFoundWhileAnotherAddressStaysBusyIsNotEveryClustersAnswer() throws Exception {
    tftp.answers(A, NOT_FOUND).answers(B, NOT_FOUND);
    List<UpstreamHealth.Permit> held = holdEveryPermitOf(B);
    SearchOutcome.Missing missing = assertInstanceOf(SearchOutcome.Missing.class,
        startSearchOfBoth().get(10, TimeUnit.SECONDS));
    assertFalse(missing.everyClusterAnswered(), missing.reason());
    assertEquals(List.of(A), tftp.asked().stream().map(UpstreamRequest::address).toList());

    held.forEach(UpstreamHealth.Permit::released);
    SearchOutcome.Missing again = assertInstanceOf(SearchOutcome.Missing.class,
        startSearchOfBoth().get(10, TimeUnit.SECONDS));
    assertTrue(again.everyClusterAnswered(), again.reason());
    assertEquals(fixture.settings.maxFetchesPerAddress(), permitsFreeAt(B), "the timed-out wait kept a slot");
  }

  private int permitsFreeAt(InetSocketAddress address) {
    List<UpstreamHealth.Permit> free = new ArrayList<>();
    CompletableFuture<Optional<UpstreamHealth.Permit>> next;
    while ((next = fixture.health.acquire(address)).isDone()) {
      free.add(next.join().orElseThrow());
    }
    next.cancel(false);
    free.forEach(UpstreamHealth.Permit::released);
    return free.size();
  }

  /**
   * A commit forces the file to disk, which takes milliseconds; a fetcher completes its fetches on
   * its one I/O thread, so a commit there would hold up every other fetch in flight.
   */
  @Test
  void fetchedFileIsCommittedOnAWorkerNotOnTheFetchersIoThread() throws Exception {
    CompletableFuture<FetchResult> fetched = new CompletableFuture<>();
    UpstreamFetcher fetcher = new UpstreamFetcher() {
      @Override
      public String scheme() {
        return "tftp";
      }

      @Override
      public CompletableFuture<FetchResult> fetch(UpstreamRequest request, ContentSink sink) {
        try {
          sink.begin(OptionalLong.of(CONTENT.length));
          sink.write(ByteBuffer.wrap(CONTENT));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return fetched;
      }
    };
    CompletableFuture<SearchOutcome> outcome = fixture.search(fetcher).search("SEP001956A3A472.cnf.xml",
        List.of(new ClusterTarget("a", List.of(A), OptionalInt.empty())), List.of("gw-test"));
    CompletableFuture<String> committedOn = outcome.thenApply(found -> Thread.currentThread().getName());

    Thread io = new Thread(() -> fetched.complete(new FetchResult.Fetched(CONTENT.length)), "fetcher-io");
    io.start();
    io.join();

    String thread = committedOn.get(10, TimeUnit.SECONDS);
    assertTrue(thread.startsWith("worker-"), "committed on " + thread);
    assertInstanceOf(SearchOutcome.Found.class, outcome.get());
    try (ResolvedFile file = fixture.cache.open("SEP001956A3A472.cnf.xml").orElseThrow()) {
      assertArrayEquals(CONTENT, file.readAll(1 << 20));
    }
  }
}
