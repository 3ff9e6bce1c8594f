package io.proxytftp.upstream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.proxytftp.cache.ContentCache;
import io.proxytftp.cluster.ClusterTarget;
import io.proxytftp.cluster.UpstreamHealth;
import io.proxytftp.config.UpstreamSettings;
import io.proxytftp.lifecycle.WorkerPool;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Asks remote clusters for a file, every given cluster and every one of its addresses at once.
 * The first address to start sending the file wins: its bytes stream into the cache and every other
 * request is cancelled. When all answer "not found" the search ends at once; when some stay silent
 * it ends after the search timeout, never after the sum of their timeouts. An address still silent
 * at the search timeout counts as a failure for its circuit, so a dead cluster stops delaying
 * searches once its circuit opens.
 *
 * <p>An address whose circuit is open is not asked; a busy one (at {@code
 * upstream.max-fetches-per-address}) is asked when it frees a slot, within the search timeout,
 * because it may be the one cluster that has the file (see {@link UpstreamHealth}).
 * When the winner breaks off mid-transfer nothing is cached, and the search runs again without
 * that address, as long as an address is left that has not broken off, so the file can still come
 * from another address or cluster however many broken ones win the race before it.
 *
 * <p>A winner still delivering a file nobody reads yet {@code upstream.hedge-after} after its first
 * byte (an overloaded cluster that answers at once and then drips blocks) is raced by the rest of
 * the search without it, and the first whole copy wins (see {@link Search}); counted in {@code
 * upstream.hedges}.
 *
 * <p>The addresses of a cluster with an HTTP port ({@link ClusterTarget#httpPort()}) are asked over
 * HTTP first when an {@code http} fetcher is installed, and over TFTP when that fails before the
 * file begins to arrive; an HTTP 404 is an answer and is not asked again over TFTP (see {@link
 * FallbackFetch}). HTTP and TFTP of one address share its health: one permit covers both, and only
 * how the address finally answered counts, so an address whose TFTP still serves never has its
 * circuit opened by a failing HTTP port.
 *
 * <p>An upstream that names itself in its answer, a proxytftp gateway, is reported to {@link
 * ClusterHops} with the cluster it was asked as, so that a remote cluster carrying this gateway's
 * own {@code gateway.id} is warned about by the gateway that lists it.
 */
public final class UpstreamSearch {
  private final Map<String, UpstreamFetcher> fetchers;
  private final UpstreamHealth health;
  private final ContentCache cache;
  private final UpstreamSettings settings;
  private final MeterRegistry meters;
  /**
   * Where a finished fetch is committed to the cache: a worker, never the fetcher's I/O thread,
   * which a commit's forced writes to disk would hold up for every other fetch.
   */
  private final Executor commits;
  private final Counter searches;
  private final Counter hedges;
  private final ClusterHops hops;

  @Inject
  public UpstreamSearch(Set<UpstreamFetcher> fetchers, UpstreamHealth health, ContentCache cache,
      UpstreamSettings settings, WorkerPool workers, MeterRegistry meters, ClusterHops hops) {
    this.fetchers = fetchers.stream().collect(Collectors.toMap(UpstreamFetcher::scheme, Function.identity()));
    this.health = health;
    this.cache = cache;
    this.settings = settings;
    this.meters = meters;
    this.hops = hops;
    this.commits = task -> {
      try {
        workers.execute(task);
      } catch (RejectedExecutionException busy) {
        task.run(); // a search must always finish; the fetcher's thread pays for it only then
      }
    };
    this.searches = Counter.builder("upstream.searches").description("Searches of remote clusters").register(meters);
    this.hedges = Counter.builder("upstream.hedges")
        .description("Slow winners of a search raced by a search of the other clusters")
        .register(meters);
  }

  /** Searches {@code targets} for {@code name}, all in one round. */
  public CompletableFuture<SearchOutcome> search(String name, List<ClusterTarget> targets, List<String> via) {
    return searchInRounds(name, List.of(targets), via);
  }

  /**
   * Searches for {@code name} round by round: a round is asked only once every address of the
   * rounds before it came back without the file (said "not found", failed, or stayed silent for the
   * search timeout). A retry after a broken-off winner, and the hedge racing a slow one, search the
   * rest of the rounds from the winner's on. A file of {@link Search#STREAM_THRESHOLD} or more is
   * handed over while it arrives.
   *
   * @param via the gateways the request has passed through, this one included; sent upstream
   */
  public CompletableFuture<SearchOutcome> searchInRounds(String name, List<List<ClusterTarget>> rounds,
      List<String> via) {
    return start(new Query(name, name, rounds, via, Search.STREAM_THRESHOLD));
  }

  /**
   * Like {@link #searchInRounds}, storing what is found under {@code cacheKey} and handing it over
   * only once whole: for content that is checked before it is served, such as a signed file the
   * gateway re-signs.
   */
  public CompletableFuture<SearchOutcome> searchWhole(String name, String cacheKey, List<List<ClusterTarget>> rounds,
      List<String> via) {
    return start(new Query(name, cacheKey, rounds, via, Long.MAX_VALUE));
  }

  /** What one search asks for, where it stores it, and from which addresses in which order. */
  private record Query(String name, String cacheKey, List<List<ClusterTarget>> rounds, List<String> via,
      long streamThreshold) {}

  private CompletableFuture<SearchOutcome> start(Query query) {
    searches.increment();
    int addresses = query.rounds().stream().flatMap(List::stream).mapToInt(target -> target.addresses().size()).sum();
    return search(query, 0, Set.of(), addresses - 1);
  }

  /** The rest of a search: round {@code round} without the {@code excluded} addresses, then the later rounds. */
  private CompletableFuture<SearchOutcome> search(Query query, int round, Set<InetSocketAddress> excluded,
      int retriesLeft) {
    if (fetchers.isEmpty()) {
      return CompletableFuture.completedFuture(new SearchOutcome.Missing("no upstream fetcher is installed", true));
    }
    if (round >= query.rounds().size()) {
      return CompletableFuture.completedFuture(new SearchOutcome.Missing("no cluster address to ask", true));
    }
    List<Search.Candidate> candidates = new ArrayList<>();
    boolean refused = false;
    for (ClusterTarget target : query.rounds().get(round)) {
      for (InetSocketAddress address : target.addresses()) {
        if (excluded.contains(address)) {
          continue;
        }
        List<FallbackFetch.Route> routes = routes(query.name(), target, address, query.via());
        if (routes.isEmpty()) {
          continue;
        }
        CompletableFuture<Optional<UpstreamHealth.Permit>> permit = health.acquire(address);
        if (permit.isDone() && permit.join().isEmpty()) {
          refused = true; // its circuit is open: known to be failing, so its silence says nothing
          continue;
        }
        Counter requests = meters.counter("upstream.requests", "cluster", target.clusterId());
        Counter fallbacks = meters.counter("upstream.fallbacks", "cluster", target.clusterId());
        candidates.add(new Search.Candidate(target.clusterId(), address, permit,
            new FallbackFetch(routes, requests::increment, fallbacks::increment)));
      }
    }
    if (candidates.isEmpty() && !refused) {
      return search(query, round + 1, excluded, retriesLeft);
    }
    Supplier<CompletableFuture<SearchOutcome>> nextRound = round + 1 < query.rounds().size()
        ? () -> search(query, round + 1, excluded, retriesLeft)
        : null;
    Search search = new Search(query.cacheKey(), cache, settings, commits, query.streamThreshold(), winner -> {
      Set<InetSocketAddress> without = new HashSet<>(excluded);
      without.add(winner);
      return retriesLeft > 0 ? search(query, round, without, retriesLeft - 1) : null;
    }, nextRound, hedges::increment, hops);
    return search.start(candidates);
  }

  /** How one address is asked: over HTTP on the cluster's HTTP port first, if it has one, then over TFTP. */
  private List<FallbackFetch.Route> routes(String name, ClusterTarget target, InetSocketAddress address,
      List<String> via) {
    List<FallbackFetch.Route> routes = new ArrayList<>(2);
    UpstreamFetcher http = fetchers.get("http");
    if (http != null && target.httpPort().isPresent()) {
      InetSocketAddress httpAddress = new InetSocketAddress(address.getAddress(), target.httpPort().getAsInt());
      routes.add(new FallbackFetch.Route(http, request(name, httpAddress, via)));
    }
    UpstreamFetcher tftp = fetchers.get("tftp");
    if (tftp != null) {
      routes.add(new FallbackFetch.Route(tftp, request(name, address, via)));
    }
    return routes;
  }

  private UpstreamRequest request(String name, InetSocketAddress address, List<String> via) {
    return new UpstreamRequest(name, address, settings.timeout(), settings.fetchDeadline(), via);
  }
}
