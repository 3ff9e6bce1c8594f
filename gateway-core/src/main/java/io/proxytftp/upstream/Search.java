package io.proxytftp.upstream;

import io.proxytftp.cache.CacheEntry;
import io.proxytftp.cache.CacheWriter;
import io.proxytftp.cache.ContentCache;
import io.proxytftp.cluster.UpstreamHealth;
import io.proxytftp.config.UpstreamSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** One search in flight: its attempts, the race for the first byte, and how it ends. */
final class Search {

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
  /**
   * Files at least this large are handed to readers while they arrive; smaller ones only once in
   * the cache, which lets a broken-off transfer be retried from another address unnoticed.
   */
  static final long STREAM_THRESHOLD = 1 << 20;

  private final CompletableFuture<SearchOutcome> result = new CompletableFuture<>();
  private final CompletableFuture<Void> finished = new CompletableFuture<>();
  private final List<Attempt> attempts = new ArrayList<>();
  private Attempt winner;
  private int unanswered;
  private boolean allSaidNotFound = true;
  private boolean timedOut;

  /**
   * @param retryWithout starts the search again without the given address after a winner broke
   *     off, or returns null when no retry is left
   */
  Search(String cacheKey, ContentCache cache, UpstreamSettings settings, Executor commits,
      Function<InetSocketAddress, CompletableFuture<SearchOutcome>> retryWithout) {
    this.cacheKey = cacheKey;
    this.cache = cache;
    this.settings = settings;
    this.commits = commits;
    this.retryWithout = retryWithout;
  }

  /**
   * Asks every candidate: at once where its permit is in hand, else as soon as the busy address
   * frees a slot. A candidate still waiting counts as not yet answered, so the search waits for it
   * (up to the search timeout) rather than end with the other clusters' "not found"; one whose
   * circuit opens while it waits leaves the search unable to claim every cluster's answer.
   */
  CompletableFuture<SearchOutcome> start(List<Candidate> candidates) {
    if (candidates.isEmpty()) {
      result.complete(new SearchOutcome.Missing("no cluster address can be asked now", false));
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

  private void searchTimedOut() {
    List<Attempt> asked;
    synchronized (this) {
      if (winner != null || result.isDone()) {
        return;
      }
      timedOut = true;
      asked = List.copyOf(attempts);
    }
    result.complete(new SearchOutcome.Missing("no cluster had the file within " + settings.searchTimeout().toMillis() + " ms", false));
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
      result.complete(new SearchOutcome.Missing(
          everyClusterAnswered ? "not found in any cluster" : "not found; some clusters failed to answer or could not be asked", everyClusterAnswered));
    }
  }

  private void winnerBrokeOff(InetSocketAddress address, String why) {
    if (result.isDone()) {
      // Readers were already streaming it: they fail with the arrival; a later request searches anew.
      finished.completeExceptionally(new IOException("the transfer from " + address + " broke off: " + why));
      return;
    }
    CompletableFuture<SearchOutcome> again = retryWithout.apply(address);
    if (again == null) {
      result.complete(new SearchOutcome.Missing("the transfer from " + address + " broke off: " + why, false));
      return;
    }
    again.whenComplete((outcome, failure) -> {
      if (failure != null) {
        result.completeExceptionally(failure);
      } else {
        result.complete(outcome);
      }
    });
  }

  /** One address asked; a sink that competes to be the one whose bytes are kept. */
  private final class Attempt implements ContentSink {
    private final Candidate candidate;
    /** Null until started: a fast winner may cancel this attempt before it has started. */
    private volatile CompletableFuture<FetchResult> fetch;
    private volatile boolean cancelled;
    private volatile UpstreamHealth.Permit permit;
    private volatile long startedNanos;
    private CacheWriter writer;

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
        decided = !inTheRace && (cancelled || winner != null || result.isDone());
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
        if (winner != null || result.isDone()) {
          throw new LostRaceException();
        }
        winner = this;
        attempts.stream().filter(attempt -> attempt != this).forEach(losers::add);
      }
      losers.forEach(Attempt::cancel);
      writer = cache.writer(cacheKey, candidate.clusterId() + " " + candidate.address());
      writer.begin(announcedSize);
      if (announcedSize.orElse(0) >= STREAM_THRESHOLD) {
        writer.arrival().ifPresent(arrival -> result.complete(
            new SearchOutcome.Arriving(arrival, candidate.clusterId(), candidate.address(), finished)));
      }
    }

    @Override
    public void write(ByteBuffer bytes) throws IOException {
      writer.write(bytes);
    }

    private void finished(FetchResult fetched, Throwable failure) {
      Throwable cause = unwrap(failure);
      boolean searchTimedOut;
      synchronized (Search.this) {
        searchTimedOut = timedOut;
      }
      boolean stopped = cause instanceof CancellationException || hasLostRace(cause);
      if (cause == null) {
        permit.succeeded();
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
      } else if (fetched instanceof FetchResult.Fetched) {
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
        result.complete(new SearchOutcome.Found(entry, candidate.clusterId(), candidate.address()));
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
