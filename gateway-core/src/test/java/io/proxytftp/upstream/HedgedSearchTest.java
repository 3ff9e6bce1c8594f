package io.proxytftp.upstream;

import static io.proxytftp.upstream.ScriptedFetcher.Answer.DRIPS;
import static io.proxytftp.upstream.ScriptedFetcher.Answer.NOT_FOUND;
import static io.proxytftp.upstream.ScriptedFetcher.Answer.SERVES;
import static io.proxytftp.upstream.ScriptedFetcher.Answer.SILENT;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxytftp.cluster.ClusterTarget;
import io.proxytftp.cluster.UpstreamHealth;
import io.proxytftp.config.UpstreamSettings;
import io.proxytftp.testing.TestConfigs;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster that wins a search and then drips the file, as an overloaded TFTP service does, is
 * raced by the rest of the search once {@code hedge-after} has passed: the first whole copy is the
 * answer, whichever it is, and the other fetch is cancelled.
 */
class HedgedSearchTest {
  static final InetSocketAddress HOME = new InetSocketAddress("127.0.0.1", 69);
  static final InetSocketAddress OTHER = new InetSocketAddress("127.0.0.2", 69);
  static final byte[] CONTENT = "P0030801SR02 load ".repeat(4000).getBytes(StandardCharsets.US_ASCII);
  static final String NAME = "P0030801SR02.loads";

  @TempDir Path directory;
  final ScriptedFetcher tftp = new ScriptedFetcher("tftp", CONTENT);
  SearchFixture fixture;
  UpstreamSearch search;

  @BeforeEach
  void start() throws Exception {
    UpstreamSettings defaults = TestConfigs.upstream();
    fixture = new SearchFixture(directory, new UpstreamSettings(defaults.timeout(), defaults.searchTimeout(),
        defaults.fetchDeadline(), defaults.maxFetchesPerAddress(), defaults.failuresBeforeOpen(),
        defaults.openInterval(), defaults.dnsRefresh(), Duration.ofMillis(100)));
    search = fixture.search(tftp);
  }

  @AfterEach
  void stop() throws InterruptedException {
    fixture.close();
  }

  /** The phone's home cluster first, every other one after it, as a phone the gateway has learned is searched. */
  private CompletableFuture<SearchOutcome> searchHomeThenOther() {
    return search.searchInRounds(NAME, List.of(List.of(target("home", HOME)), List.of(target("other", OTHER))),
        List.of("gw-test"));
  }

  private static ClusterTarget target(String id, InetSocketAddress address) {
    return new ClusterTarget(id, List.of(address), OptionalInt.empty());
  }

  private double hedges() {
    return fixture.meters.counter("upstream.hedges").count();
  }

  @Test
  void aDrippingHomeIsRacedByTheNextRoundAndTheWholeCopyFromThereWins() throws Exception {
    tftp.answers(HOME, DRIPS).answers(OTHER, SERVES);
    SearchOutcome outcome = searchHomeThenOther().get(10, TimeUnit.SECONDS);
    SearchOutcome.Found found = assertInstanceOf(SearchOutcome.Found.class, outcome);
    assertEquals("other", found.clusterId());
    assertArrayEquals(CONTENT, fixture.cached(NAME));
    assertEquals(1, hedges());
    await().atMost(Duration.ofSeconds(5)).until(() -> tftp.dripping().get(0).isCancelled());
  }

  @Test
  void aDrippingWinnerThatFinishesFirstIsKeptAndItsHedgeIsCancelled() throws Exception {
    tftp.answers(HOME, DRIPS).answers(OTHER, SILENT);
    CompletableFuture<SearchOutcome> outcome = searchHomeThenOther();
    await().atMost(Duration.ofSeconds(5)).until(() -> tftp.silent().size() == 1); // the hedge asks the other
    assertFalse(outcome.isDone());
    tftp.finishDripping();
    SearchOutcome.Found found = assertInstanceOf(SearchOutcome.Found.class, outcome.get(10, TimeUnit.SECONDS));
    assertEquals("home", found.clusterId());
    assertArrayEquals(CONTENT, fixture.cached(NAME));
    await().atMost(Duration.ofSeconds(5)).until(() -> tftp.silent().get(0).isCancelled());
  }

  @Test
  void aHedgeThatFindsNothingLeavesTheDrippingWinnerToFinish() throws Exception {
    tftp.answers(HOME, DRIPS).answers(OTHER, NOT_FOUND);
    CompletableFuture<SearchOutcome> outcome = searchHomeThenOther();
    await().atMost(Duration.ofSeconds(5)).until(() -> tftp.asked().size() == 2);
    tftp.finishDripping();
    SearchOutcome.Found found = assertInstanceOf(SearchOutcome.Found.class, outcome.get(10, TimeUnit.SECONDS));
    assertEquals("home", found.clusterId());
    assertArrayEquals(CONTENT, fixture.cached(NAME));
  }

  @Test
  void aWinnerThatLosesToItsHedgeCountsAsAFailureOfItsAddress() throws Exception {
    tftp.answers(HOME, DRIPS).answers(OTHER, SERVES);
    for (int i = 0; i < fixture.settings.failuresBeforeOpen(); i++) {
      fixture.cache.remove(NAME);
      assertInstanceOf(SearchOutcome.Found.class, searchHomeThenOther().get(10, TimeUnit.SECONDS));
      int lost = i + 1;
      await().atMost(Duration.ofSeconds(5)).until(() -> tftp.dripping().stream().filter(CompletableFuture::isDone).count() == lost);
    }
    assertEquals(UpstreamHealth.State.OPEN, fixture.health.state(HOME));
  }

  @Test
  void aRoundWithoutTheFileHandsOverToTheNextRound() throws Exception {
    tftp.answers(HOME, NOT_FOUND).answers(OTHER, SERVES);
    SearchOutcome.Found found = assertInstanceOf(SearchOutcome.Found.class, searchHomeThenOther().get(10, TimeUnit.SECONDS));
    assertEquals("other", found.clusterId());
    assertEquals(List.of(HOME, OTHER), tftp.asked().stream().map(UpstreamRequest::address).toList());
    assertEquals(0, hedges());
    assertTrue(tftp.dripping().isEmpty());
  }
}
