package io.proxytftp.upstream;

import io.proxytftp.cache.CacheEntry;
import io.proxytftp.cache.CacheWriteException;
import io.proxytftp.cache.CacheWriter;
import io.proxytftp.cache.ContentCache;
import io.proxytftp.cluster.AddressText;
import io.proxytftp.cluster.UpstreamHealth;
import io.proxytftp.config.UpstreamSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One round of a search in flight, and through it the rest of the search: its attempts, the race
 * for the first byte, and how it ends. A round that ends without the file hands over to the next
 * round, if there is one.
 *
 * <p>A winner that has not delivered the whole file {@link UpstreamSettings#hedgeAfter()} after its
 * first byte, while nobody reads it yet, is raced by a search of the other addresses (a hedge): the
 * first whole copy is the answer, and the loser is cancelled. A winner that loses to its hedge
 * counts as a failure of its address, so a cluster that keeps dripping files has its circuit
 * opened. A file already handed to readers as it arrives is not hedged: its readers are bound to
 * that one arrival. Cancelling {@link #start}'s future cancels every attempt, the hedge's too.
 *
 * <p>A file the cache cannot write (a full disk, an unwritable data directory) ends the search at
 * once with {@link SearchOutcome.Missing#localFailure()}: asking another address would fail the
 * same way, and the address that sent the file is not blamed for it, so no circuit opens over a
 * fault of the gateway's own.
 *
 * <p>Concurrency: {@code attempts}, {@code winner}, {@code unanswered}, {@code allSaidNotFound},
 * {@code timedOut}, {@code hedge} and {@code next} are guarded by {@code this}; the futures are thread-safe.
 */
final class Search {
  private static final Logger LOG = LoggerFactory.getLogger(Search.class);

  /**
   * An address to ask, with the health permit that allows it (perhaps still to come, when the
   * address is busy) and the fetch over its routes; the permit stands for every route, so only the
   * fetch's final outcome counts for the address.
   */
  record Candidate(String clusterId, InetSocketAddress address,
      CompletableFuture<Optional<UpstreamHealth.Permit>> permit, FallbackFetch fetch) {}

  /** Thrown into an attempt that starts sending after another one won. */
  static final class LostRaceException extends IOException {
    private static final long serialVersionUID = 1L;

    LostRaceException() {
      super("another cluster answered first", null);
    }
  }

  private final String cacheKey;
  private final ContentCache cache;
  private final UpstreamSettings settings;
  private final Executor commits;
  private final Function<InetSocketAddress, CompletableFuture<SearchOutcome>> retryWithout;
  private final Supplier<CompletableFuture<SearchOutcome>> nextRound;
  private final Runnable hedged;
  private final ClusterHops hops;
  /**
   * Files at least this large are handed to readers while they arrive; smaller ones only once in
   * the cache, which lets a broken-off transfer be retried from another address unnoticed.
   */
  static final long STREAM_THRESHOLD = 1 << 20;
  private final long streamThreshold;

  private final CompletableFuture<SearchOutcome> result = new CompletableFuture<>();
  private final CompletableFuture<Void> finished = new CompletableFuture<>();
  private final List<Attempt> attempts = new ArrayList<>();
  private Attempt winner;
  private int unanswered;
  private boolean allSaidNotFound = true;
  private boolean timedOut;
  /** The search of the other addresses racing a slow winner; null until one is started. */
  private CompletableFuture<SearchOutcome> hedge;
  /** The rounds after this one, once this one came back without the file. */
  private CompletableFuture<SearchOutcome> next;

  /**
   * @param streamThreshold files at least this large are handed over while they arrive
   * @param retryWithout starts the rest of the search from this round again without the given
   *     address, after a winner broke off or to race a slow one, or returns null when no retry is
   *     left
   * @param nextRound starts the rounds after this one; null for the last round
   * @param hedged told each time a slow winner is raced
   * @param hops told which cluster an upstream that names itself is, winner or not
   */
  Search(String cacheKey, ContentCache cache, UpstreamSettings settings, Executor commits, long streamThreshold,
      Function<InetSocketAddress, CompletableFuture<SearchOutcome>> retryWithout,
      Supplier<CompletableFuture<SearchOutcome>> nextRound, Runnable hedged, ClusterHops hops) {
    this.cacheKey = cacheKey;
    this.cache = cache;
    this.settings = settings;
    this.commits = commits;
    this.streamThreshold = streamThreshold;
    this.retryWithout = retryWithout;
    this.nextRound = nextRound;
    this.hedged = hedged;
    this.hops = hops;
    result.whenComplete((outcome, failure) -> {
      if (result.isCancelled()) {
        abandon();
      }
    });
  }

  /**
   * Asks every candidate: at once where its permit is in hand, else as soon as the busy address
   * frees a slot. A candidate still waiting counts as not yet answered, so the search waits for it
   * (up to the search timeout) rather than end with the other clusters' "not found"; one whose
   * circuit opens while it waits leaves the search unable to claim every cluster's answer.
   */
  CompletableFuture<SearchOutcome> start(List<Candidate> candidates) {
    if (candidates.isEmpty()) {
      roundEnded(new SearchOutcome.Missing("no cluster address can be asked now", false));
      return result;
    }
    synchronized (this) {
      candidates.forEach(candidate -> attempts.add(new Attempt(candidate)));
      unanswered = attempts.size();
    }
    List.copyOf(attempts).forEach(Attempt::awaitPermit);
    CompletableFuture.delayedExecutor(settings.searchTimeout().toNanos(), TimeUnit.NANOSECONDS)
        .execute(this::searchTimedOut);
    return result;
  }

  /** Nobody waits for this search any more: every attempt, the hedge and the later rounds are stopped. */
  private void abandon() {
    List<Attempt> asked;
    List<CompletableFuture<SearchOutcome>> rest = new ArrayList<>(2);
    synchronized (this) {
      asked = List.copyOf(attempts);
      rest.add(hedge);
      rest.add(next);
    }
    asked.forEach(Attempt::cancel);
    rest.stream().filter(Objects::nonNull).forEach(search -> search.cancel(true));
  }

  /** This round came back without the file: the next round answers, or this one's reason does. */
  private void roundEnded(SearchOutcome.Missing missing) {
    if (nextRound == null) {
      result.complete(missing);
      return;
    }
    CompletableFuture<SearchOutcome> started;
    synchronized (this) {
      if (next != null || result.isDone()) {
        return;
      }
      started = nextRound.get();
      next = started;
    }
    started.whenComplete((outcome, failure) -> {
      if (failure != null) {
        result.completeExceptionally(failure);
      } else {
        result.complete(outcome instanceof SearchOutcome.Missing more ? missing.and(more) : outcome);
      }
    });
  }

  private void searchTimedOut() {
    List<Attempt> asked;
    synchronized (this) {
      if (winner != null || result.isDone() || next != null) {
        return;
      }
      timedOut = true;
      asked = List.copyOf(attempts);
    }
    roundEnded(new SearchOutcome.Missing("no cluster had the file within " + settings.searchTimeout().toMillis() + " ms", false));
    asked.forEach(Attempt::cancel);
  }

  private void answeredWithoutFile(boolean saidNotFound) {
    boolean last;
    boolean everyClusterAnswered;
    synchronized (this) {
      allSaidNotFound &= saidNotFound;
      last = --unanswered == 0 && winner == null;
      everyClusterAnswered = allSaidNotFound;
    }
    if (last) {
      roundEnded(new SearchOutcome.Missing(
          everyClusterAnswered ? "not found in any cluster" : "not found; some clusters failed to answer or could not be asked", everyClusterAnswered));
    }
  }

  private void winnerBrokeOff(InetSocketAddress address, String why) {
    if (result.isDone()) {
      // Readers were already streaming it: they fail with the arrival; a later request searches anew.
      finished.completeExceptionally(new IOException("the transfer from " + address + " broke off: " + why));
      return;
    }
    CompletableFuture<SearchOutcome> again;
    synchronized (this) {
      again = hedge; // already the search without this address
    }
    if (again == null) {
      again = retryWithout.apply(address);
    }
    if (again == null) {
      roundEnded(new SearchOutcome.Missing("the transfer from " + address + " broke off: " + why, false));
      return;
    }
    forward(again, result);
  }

  /** Completes {@code to} as {@code from} completes, unless {@code to} is complete already. */
  private static void forward(CompletableFuture<SearchOutcome> from, CompletableFuture<SearchOutcome> to) {
    from.whenComplete((outcome, failure) -> {
      if (failure != null) {
        to.completeExceptionally(failure);
      } else {
        to.complete(outcome);
      }
    });
  }

  /** The winner's file could not be written to the cache: the search ends without blaming anyone upstream. */
  private void notStored(Attempt attempt, CacheWriteException failure) {
    LOG.warn("{} from {} {} was not kept: {} (a fault of this gateway, not of the cluster)", cacheKey,
        attempt.candidate.clusterId(), AddressText.of(attempt.candidate.address()), failure.getMessage());
    if (result.isDone()) {
      finished.completeExceptionally(failure); // its readers fail with the arrival
      return;
    }
    if (result.complete(SearchOutcome.Missing.notStored("the gateway could not store " + cacheKey + ": "
        + failure.getMessage()))) {
      cancelHedge();
    }
  }

  /**
   * Races {@code slow}, the winner still delivering, with a search of the other addresses; the
   * first whole copy completes the search. A hedge that finds nothing leaves the winner to finish.
   */
  private void hedge(Attempt slow) {
    CompletableFuture<SearchOutcome> rival = new CompletableFuture<>();
    synchronized (this) {
      if (winner != slow || result.isDone() || hedge != null) {
        return;
      }
      hedge = rival;
    }
    CompletableFuture<SearchOutcome> started = retryWithout.apply(slow.candidate.address());
    if (started == null) {
      rival.complete(new SearchOutcome.Missing("no other address to ask", false));
      return;
    }
    hedged.run();
    LOG.info("{} from {} is still arriving after {} ms; asking the other clusters too", cacheKey,
        slow.candidate.address(), settings.hedgeAfter().toMillis());
    rival.whenComplete((outcome, failure) -> {
      if (rival.isCancelled()) {
        started.cancel(true);
      }
    });
    forward(started, rival);
    rival.thenAccept(outcome -> {
      if (!(outcome instanceof SearchOutcome.Missing) && result.complete(outcome)) {
        slow.supersede();
      }
    });
  }

  private void cancelHedge() {
    CompletableFuture<SearchOutcome> rival;
    synchronized (this) {
      rival = hedge;
    }
    if (rival != null) {
      rival.cancel(true);
    }
  }

  /** One address asked; a sink that competes to be the one whose bytes are kept. */
  private final class Attempt implements ContentSink {
    private final Candidate candidate;
    /** Null until started: a fast winner may cancel this attempt before it has started. */
    private volatile CompletableFuture<FetchResult> fetch;
    private volatile boolean cancelled;
    /** Set when a hedge delivered first: this attempt's copy is thrown away. */
    private volatile boolean superseded;
    private volatile UpstreamHealth.Permit permit;
    private volatile long startedNanos;
    private CacheWriter writer;
    /** Set when the cache could not write what this attempt received. */
    private volatile CacheWriteException notStored;

    Attempt(Candidate candidate) {
      this.candidate = candidate;
    }

    /**
     * Starts the fetch once the permit is there. An address whose permit is there at once is asked
     * as part of the race, even if a rival has begun to answer meanwhile (its fetch is then
     * cancelled like any loser's), so every address free at the start is asked; one whose permit
     * comes later is asked only while the search is still open. Asked means that its fetch is
     * started: one cancelled that soon may end before its request is on the wire (an HTTP fetch
     * still connecting), so the address's server need not see it.
     */
    void awaitPermit() {
      boolean inTheRace = candidate.permit().isDone();
      candidate.permit().whenComplete((granted, failure) -> {
        if (failure != null || granted.isEmpty()) {
          answeredWithoutFile(false); // gave up waiting, or the circuit opened meanwhile
        } else {
          start(granted.get(), inTheRace);
        }
      });
    }

    private void start(UpstreamHealth.Permit granted, boolean inTheRace) {
      permit = granted;
      boolean decided;
      synchronized (Search.this) {
        decided = !inTheRace && (cancelled || winner != null || result.isDone() || next != null);
      }
      if (decided) {
        granted.released(); // the slot came after the search was decided
        answeredWithoutFile(false);
        return;
      }
      startedNanos = System.nanoTime();
      fetch = candidate.fetch().start(this);
      fetch.whenCompleteAsync(this::finished, commits);
      if (cancelled) {
        fetch.cancel(true);
      }
    }

    void supersede() {
      superseded = true;
      cancel();
    }

    void cancel() {
      cancelled = true;
      candidate.permit().cancel(false);
      CompletableFuture<FetchResult> started = fetch;
      if (started != null) {
        started.cancel(true);
      }
    }

    @Override
    public void begin(OptionalLong announcedSize) throws IOException {
      List<Attempt> losers = new ArrayList<>();
      synchronized (Search.this) {
        if (winner != null || result.isDone() || next != null) {
          throw new LostRaceException();
        }
        winner = this;
        attempts.stream().filter(attempt -> attempt != this).forEach(losers::add);
      }
      losers.forEach(Attempt::cancel);
      try {
        writer = cache.writer(cacheKey, AddressText.origin(candidate.clusterId(), candidate.address()));
        writer.begin(announcedSize);
      } catch (CacheWriteException e) {
        notStored = e;
        throw e;
      }
      if (announcedSize.orElse(0) >= streamThreshold) {
        writer.arrival().ifPresent(arrival -> result.complete(
            new SearchOutcome.Arriving(arrival, candidate.clusterId(), candidate.address(), finished)));
      }
      if (!result.isDone()) {
        CompletableFuture.delayedExecutor(settings.hedgeAfter().toNanos(), TimeUnit.NANOSECONDS)
            .execute(() -> hedge(this));
      }
    }

    @Override
    public void write(ByteBuffer bytes) throws IOException {
      try {
        writer.write(bytes);
      } catch (CacheWriteException e) {
        notStored = e;
        throw e;
      }
    }

    /** A loser's answer counts as much as the winner's: a namesake that is never fastest is still one. */
    @Override
    public void answeredBy(String hop) {
      hops.answered(candidate.clusterId(), candidate.address(), hop);
    }

    private void finished(FetchResult fetched, Throwable failure) {
      Throwable cause = unwrap(failure);
      boolean searchTimedOut;
      synchronized (Search.this) {
        searchTimedOut = timedOut;
      }
      boolean stopped = cause instanceof CancellationException || hasLostRace(cause);
      if (notStored != null) {
        permit.released(); // the address sent the file; the gateway failed to keep it
      } else if (cause == null) {
        permit.succeeded();
      } else if (superseded) {
        permit.failed(); // slower than its hedge: a cluster that keeps dripping files is skipped a while
      } else if (stopped && !(searchTimedOut && silentForAPacketTimeout())) {
        permit.released();
      } else {
        permit.failed();
      }
      boolean won;
      synchronized (Search.this) {
        won = winner == this;
      }
      if (!won) {
        answeredWithoutFile(fetched instanceof FetchResult.NotFound);
      } else if (notStored != null) {
        if (writer != null) {
          writer.abort();
        }
        notStored(this, notStored);
      } else if (fetched instanceof FetchResult.Fetched && !superseded) {
        commit();
      } else {
        if (writer != null) {
          writer.abort();
        }
        winnerBrokeOff(candidate.address(), cause == null ? "ended without the file" : cause.getMessage());
      }
    }

    /**
     * Whether an attempt stopped by the search timeout had been asked long enough to count as
     * silent; one that got its permit just before the timeout, after waiting its turn, is no
     * failure of its address.
     */
    private boolean silentForAPacketTimeout() {
      return System.nanoTime() - startedNanos >= settings.timeout().toNanos();
    }

    private void commit() {
      try {
        CacheEntry entry = writer.commit();
        finished.complete(null);
        if (result.complete(new SearchOutcome.Found(entry, candidate.clusterId(), candidate.address()))) {
          cancelHedge();
        }
      } catch (CacheWriteException e) {
        notStored(this, e);
      } catch (IOException e) {
        writer.abort();
        winnerBrokeOff(candidate.address(), e.getMessage());
      }
    }
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
  }

  private static boolean hasLostRace(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof LostRaceException) {
        return true;
      }
    }
    return false;
  }
}
