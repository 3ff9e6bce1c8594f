package io.proxytftp.upstream;

import static io.proxytftp.upstream.ScriptedFetcher.Answer.BREAKS_OFF;
import static io.proxytftp.upstream.ScriptedFetcher.Answer.FAILS;
import static io.proxytftp.upstream.ScriptedFetcher.Answer.NOT_FOUND;
import static io.proxytftp.upstream.ScriptedFetcher.Answer.SERVES;
import static io.proxytftp.upstream.ScriptedFetcher.Answer.SILENT;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxytftp.cluster.ClusterTarget;
import io.proxytftp.cluster.UpstreamHealth;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The search's fallback from HTTP to TFTP, with fetchers of the SPI scripted per address: what it
 * takes to fall back, what does not, and that the search keeps its other properties meanwhile.
 */
class HttpThenTftpSearchTest {
  static final int HTTP_PORT = 6970;
  static final InetSocketAddress A = new InetSocketAddress("127.0.0.1", 69);
  static final InetSocketAddress A_HTTP = new InetSocketAddress("127.0.0.1", HTTP_PORT);
  static final InetSocketAddress B = new InetSocketAddress("127.0.0.2", 69);
  static final byte[] OVER_HTTP = "firmware over HTTP".repeat(100).getBytes(StandardCharsets.US_ASCII);
  static final byte[] OVER_TFTP = "firmware over TFTP".repeat(100).getBytes(StandardCharsets.US_ASCII);

  @TempDir Path directory;
  final ScriptedFetcher http = new ScriptedFetcher("http", OVER_HTTP);
  final ScriptedFetcher tftp = new ScriptedFetcher("tftp", OVER_TFTP);
  SearchFixture fixture;
  UpstreamSearch search;

  @BeforeEach
  void start() throws Exception {
    fixture = new SearchFixture(directory);
    search = fixture.search(http, tftp);
  }

  @AfterEach
  void stop() throws InterruptedException {
    fixture.close();
  }

  private static ClusterTarget servingHttp(String id, InetSocketAddress address) {
    return new ClusterTarget(id, List.of(address), OptionalInt.of(HTTP_PORT));
  }

  private SearchOutcome searchFor(String name, ClusterTarget... targets) throws Exception {
    return search.search(name, List.of(targets), List.of("gw-test")).get(10, TimeUnit.SECONDS);
  }

  private double fallbacks() {
    return fixture.meters.counter("upstream.fallbacks", "cluster", "a").count();
  }

  /** The fetcher only knows the address it asked; the search adds the cluster, on the HTTP route too. */
  @Test
  void aClusterThatNamesItselfOverHttpIsReportedAsThatClusterAtItsTftpAddressEvenWhenItHasNoFile() throws Exception {
    http.namedAs("proxytftp-1#2xw4tq9p").answers(A_HTTP, NOT_FOUND);
    tftp.answers(A, SERVES);
    searchFor("SEP001956A3A472.cnf.xml", servingHttp("a", A));
    assertEquals(List.of("a " + A + " proxytftp-1#2xw4tq9p"), fixture.hops);
  }

  @Test
  void clusterWithAnHttpPortIsAskedOverHttpAndNotOverTftp() throws Exception {
    http.answers(A_HTTP, SERVES);
    tftp.answers(A, SERVES);
    SearchOutcome outcome = searchFor("P0030801SR02.sbn", servingHttp("a", A));
    assertEquals(A, ((SearchOutcome.Found) outcome).address());
    assertArrayEquals(OVER_HTTP, fixture.cached("P0030801SR02.sbn"));
    assertEquals(List.of(A_HTTP), http.asked().stream().map(UpstreamRequest::address).toList());
    assertEquals(List.of("gw-test"), http.asked().get(0).via());
    assertEquals(List.of(), tftp.asked());
  }

  @Test
  void clusterWithoutAnHttpPortIsAskedOverTftpOnly() throws Exception {
    tftp.answers(A, SERVES);
    searchFor("P0030801SR02.sbn", new ClusterTarget("a", List.of(A), OptionalInt.empty()));
    assertArrayEquals(OVER_TFTP, fixture.cached("P0030801SR02.sbn"));
    assertEquals(List.of(), http.asked());
  }

  @Test
  void httpFailingBeforeItSendsFallsBackToTftpOfTheSameAddress() throws Exception {
    http.answers(A_HTTP, FAILS);
    tftp.answers(A, SERVES);
    SearchOutcome outcome = searchFor("P0030801SR02.sbn", servingHttp("a", A));
    assertTrue(outcome instanceof SearchOutcome.Found, outcome.toString());
    assertArrayEquals(OVER_TFTP, fixture.cached("P0030801SR02.sbn"));
    assertEquals(List.of(A), tftp.asked().stream().map(UpstreamRequest::address).toList());
    assertEquals(1, fallbacks());
  }

  @Test
  void failingHttpNeverOpensTheCircuitOfAnAddressWhoseTftpServes() throws Exception {
    http.answers(A_HTTP, FAILS);
    tftp.answers(A, SERVES);
    for (int i = 0; i <= fixture.settings.failuresBeforeOpen(); i++) {
      SearchOutcome outcome = searchFor("file-" + i + ".sbn", servingHttp("a", A));
      assertTrue(outcome instanceof SearchOutcome.Found, outcome.toString());
    }
    assertEquals(UpstreamHealth.State.CLOSED, fixture.health.state(A));
  }

  @Test
  void failingOverBothCountsOnceForTheAddress() throws Exception {
    http.answers(A_HTTP, FAILS);
    tftp.answers(A, FAILS);
    for (int i = 0; i < fixture.settings.failuresBeforeOpen(); i++) {
      SearchOutcome outcome = searchFor("file-" + i + ".sbn", servingHttp("a", A));
      assertFalse(((SearchOutcome.Missing) outcome).everyClusterAnswered());
    }
    assertEquals(UpstreamHealth.State.OPEN, fixture.health.state(A));
    assertEquals(fixture.settings.failuresBeforeOpen(), http.asked().size());
  }

  /** "Not found" is an answer; a body broken off has already reached the sink, which is thrown away. */
  @ParameterizedTest
  @EnumSource(value = ScriptedFetcher.Answer.class, names = {"NOT_FOUND", "BREAKS_OFF"})
  void httpAnsweringOtherwiseThanFailingBeforeItSendsIsNotAskedAgainOverTftp(ScriptedFetcher.Answer answer)
      throws Exception {
    http.answers(A_HTTP, answer);
    tftp.answers(A, SERVES);
    SearchOutcome outcome = searchFor("P0030801SR02.sbn", servingHttp("a", A));
    assertEquals(answer == NOT_FOUND, ((SearchOutcome.Missing) outcome).everyClusterAnswered());
    assertTrue(fixture.cache.open("P0030801SR02.sbn").isEmpty());
    assertEquals(List.of(), tftp.asked());
    assertEquals(0, fallbacks());
  }

  @Test
  void httpBreakingOffMidBodyCachesNothingAndTheRetryGoesToAnotherAddress() throws Exception {
    http.answers(A_HTTP, BREAKS_OFF);
    tftp.answers(A, SERVES);
    // B stays silent until A has begun and broken off, then serves the retry.
    tftp.answers(B, SILENT, SERVES);
    SearchOutcome outcome = searchFor("P0030801SR02.sbn", servingHttp("a", A),
        new ClusterTarget("b", List.of(B), OptionalInt.empty()));
    assertEquals(B, ((SearchOutcome.Found) outcome).address());
    assertArrayEquals(OVER_TFTP, fixture.cached("P0030801SR02.sbn"));
    assertEquals(List.of(B, B), tftp.asked().stream().map(UpstreamRequest::address).toList());
    assertEquals(0, fallbacks());
  }

  @Test
  void searchTimeoutCancelsTheTftpFallbackStillWaitingAndFreesThePermit() throws Exception {
    http.answers(A_HTTP, FAILS);
    tftp.answers(A, SILENT);
    long started = System.nanoTime();
    SearchOutcome outcome = searchFor("P0030801SR02.sbn", servingHttp("a", A));
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertTrue(outcome instanceof SearchOutcome.Missing, outcome.toString());
    assertTrue(took.compareTo(fixture.settings.searchTimeout().plusSeconds(1)) < 0, "took " + took);
    await().atMost(Duration.ofSeconds(5)).until(() -> tftp.silent().get(0).isCancelled());
    for (int i = 0; i < fixture.settings.maxFetchesPerAddress(); i++) {
      assertTrue(fixture.health.acquire(A).getNow(Optional.empty()).isPresent(), "permit " + i + " was still held");
    }
  }

  /**
   * A silent address leaves the search unable to tell (not "not found"); once it has been silent at
   * the search timeout failures-before-open times its circuit opens, and the others' "not found" is
   * then the answer at once, so a dead cluster does not delay every search for missing files.
   */
  @Test
  void addressSilentAtTheSearchTimeoutOpensItsCircuitAndThenNotFoundIsDefinitive() throws Exception {
    tftp.answers(A, SILENT);
    tftp.answers(B, NOT_FOUND);
    ClusterTarget silent = new ClusterTarget("a", List.of(A), OptionalInt.empty());
    ClusterTarget answering = new ClusterTarget("b", List.of(B), OptionalInt.empty());
    for (int i = 0; i < fixture.settings.failuresBeforeOpen(); i++) {
      SearchOutcome.Missing unsure = (SearchOutcome.Missing) searchFor("missing.xml", silent, answering);
      assertFalse(unsure.everyClusterAnswered(), unsure.reason());
    }
    await().atMost(Duration.ofSeconds(2)).until(() -> fixture.health.state(A) == UpstreamHealth.State.OPEN);
    long started = System.nanoTime();
    SearchOutcome.Missing sure = (SearchOutcome.Missing) searchFor("missing.xml", silent, answering);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertTrue(sure.everyClusterAnswered(), sure.reason());
    assertTrue(took.compareTo(fixture.settings.openInterval()) < 0, "took " + took);
    assertEquals(fixture.settings.failuresBeforeOpen(), tftp.asked().stream().filter(asked -> asked.address().equals(A)).count());
  }
}
