package io.proxytftp.signing;

import io.micrometer.core.instrument.MeterRegistry;
import io.proxytftp.cache.CacheWriter;
import io.proxytftp.cache.ContentCache;
import io.proxytftp.cache.Sha256;
import io.proxytftp.cluster.AddressText;
import io.proxytftp.cluster.ClusterCatalog;
import io.proxytftp.cluster.ClusterRegistry;
import io.proxytftp.cluster.ClusterTarget;
import io.proxytftp.config.GatewayConfig;
import io.proxytftp.config.RemoteCluster;
import io.proxytftp.config.SignatureTrust;
import io.proxytftp.lifecycle.WorkerPool;
import io.proxytftp.resolve.Resolution;
import io.proxytftp.resolve.ResolvedFile;
import io.proxytftp.store.LocalStore;
import io.proxytftp.upstream.SearchOutcome;
import io.proxytftp.upstream.UpstreamSearch;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the common files (ring lists, locales; see {@link CommonFiles}) the way the phones behind
 * the gateway can verify them: fetched from the cluster on the highest release, their upstream
 * signature checked and stripped, then signed with the gateway's own key, which the phones trust
 * through the gateway's trust list or their home cluster's import of its certificate.
 *
 * <h2>Never a signing oracle</h2>
 *
 * A file is re-signed only when its upstream signature verifies against the cluster's configured
 * TFTP certificate, or when the admin marked the cluster {@code resign-unverified}; otherwise, and
 * for a corrupt, truncated or encrypted upstream file, nothing is signed or cached and the request
 * gets {@link Resolution.Unavailable} (a copy signed earlier, from content that did verify, is
 * still served). Unsigned content the admin put in the local store is the gateway's own and is
 * signed on request.
 *
 * <h2>Versions</h2>
 *
 * A signed copy is made once per content version: the body a refresh finds upstream is compared
 * with the body the current copy was made from, and only a different one is signed again. A copy
 * is served for {@code signing.revalidate-after}; a request after that is answered from the copy
 * at once while the cluster is asked again in the background. A file every cluster says is gone is
 * dropped.
 *
 * <h2>Unsigned forms</h2>
 *
 * A request for an unsigned common file {@code X} is fetched as {@code X}; when no cluster has it,
 * {@code X.sgn} is fetched and its body served, as the vendor's TFTP does (checked against the
 * cluster's certificate when there is one; stripping signs nothing, so it needs no trust).
 */
public final class SigningCache {
  private static final Logger LOG = LoggerFactory.getLogger(SigningCache.class);

  /** Common files are small; locale jars reach a few megabytes. Larger ones are refused. */
  public static final int MAX_SIZE = 64 << 20;

  /**
   * Prefix of the cache keys that hold an upstream copy while it is checked. No requested name
   * contains ':', so these never collide with, or are served as, a file a client asked for.
   */
  static final String UPSTREAM_PREFIX = "upstream:";

  private final String gatewayId;
  private final ContentCache cache;
  private final LocalStore store;
  private final ClusterRegistry clusters;
  private final UpstreamSearch upstream;
  private final GatewaySigner signer;
  private final ClusterCatalog catalog;
  private final Duration revalidateAfter;
  private final WorkerPool workers;
  private final Clock clock;
  private final MeterRegistry meters;
  private final Map<String, CompletableFuture<Refresh>> refreshing = new ConcurrentHashMap<>();
  private final Map<String, Version> versions = new ConcurrentHashMap<>();

  /** What the served copy of a name was made from, and when that source was last checked. */
  private record Version(String sourceSha256, Instant checkedAt) {}

  /** How bringing a name up to date ended. */
  private sealed interface Refresh {
    /** The cache holds the current copy. */
    record Stored() implements Refresh {}

    /** No cluster had it; when every cluster said so, it is gone for good. */
    record Gone(SearchOutcome.Missing missing) implements Refresh {}

    /** A cluster had it, but it may not be served as it is (the reason is safe to echo). */
    record Refused(String reason) implements Refresh {}
  }

  @Inject
  public SigningCache(GatewayConfig config, ContentCache cache, LocalStore store, ClusterCatalog catalog,
      ClusterRegistry clusters, UpstreamSearch upstream, GatewaySigner signer, WorkerPool workers, Clock clock,
      MeterRegistry meters) {
    this.gatewayId = config.gateway().id();
    this.cache = cache;
    this.store = store;
    this.clusters = clusters;
    this.upstream = upstream;
    this.signer = signer;
    this.catalog = catalog;
    this.revalidateAfter = config.signing().revalidateAfter();
    this.workers = workers;
    this.clock = clock;
    this.meters = meters;
  }

  /**
   * Resolves a common file the local store does not hold under its own name. Call from a worker:
   * it may read the disk.
   *
   * @param via the gateways the request has passed through, this one included
   */
  public CompletableFuture<Resolution> resolve(String name, List<String> via) {
    try {
      if (CommonFiles.isSigned(name) && store.contains(CommonFiles.unsigned(name))) {
        return shared(name, () -> CompletableFuture.supplyAsync(() -> signLocal(name), workers))
            .thenApplyAsync(refresh -> answer(name, refresh), workers);
      }
      Optional<ResolvedFile> cached = cache.open(name);
      if (cached.isPresent()) {
        if (!fresh(name)) {
          refresh(name, via); // this copy answers now; later requests get what the refresh finds
        }
        return CompletableFuture.completedFuture(new Resolution.Found(cached.get()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return refresh(name, via).thenApplyAsync(refresh -> answer(name, refresh), workers);
  }

  private boolean fresh(String name) {
    Version version = versions.get(name);
    return version != null && clock.instant().isBefore(version.checkedAt().plus(revalidateAfter));
  }

  private Resolution answer(String name, Refresh refresh) {
    try {
      Optional<ResolvedFile> copy = cache.open(name);
      if (copy.isPresent()) {
        return new Resolution.Found(copy.get());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (refresh instanceof Refresh.Refused refused) {
      return new Resolution.Unavailable(name, refused.reason());
    }
    if (refresh instanceof Refresh.Gone gone && gone.missing().localFailure()) {
      return Resolution.Unavailable.notStored(name);
    }
    if (refresh instanceof Refresh.Gone gone && !gone.missing().everyClusterAnswered()) {
      return Resolution.Unavailable.upstreamFailed(name);
    }
    return new Resolution.NotFound(name);
  }

  /** One refresh per name at a time, shared by every request that needs it. */
  private CompletableFuture<Refresh> refresh(String name, List<String> via) {
    return shared(name, () -> CommonFiles.isSigned(name) ? resignFromClusters(name, via) : fetchUnsigned(name, via));
  }

  private CompletableFuture<Refresh> shared(String name, Supplier<CompletableFuture<Refresh>> work) {
    CompletableFuture<Refresh> mine = new CompletableFuture<>();
    CompletableFuture<Refresh> running = refreshing.putIfAbsent(name, mine);
    if (running != null) {
      return running;
    }
    CompletableFuture<Refresh> started;
    try {
      started = work.get();
    } catch (RuntimeException e) {
      started = CompletableFuture.failedFuture(e);
    }
    started.whenComplete((refresh, failure) -> {
      refreshing.remove(name, mine);
      if (failure != null) {
        LOG.warn("bringing the common file {} up to date failed", name, failure);
        mine.completeExceptionally(failure);
      } else {
        settle(name, refresh);
        mine.complete(refresh);
      }
    });
    return mine;
  }

  /** Records what a refresh learned, so the copy is not checked again before its time. */
  private void settle(String name, Refresh refresh) {
    if (refresh instanceof Refresh.Gone gone && gone.missing().everyClusterAnswered()) {
      versions.remove(name);
      if (cache.remove(name)) {
        LOG.info("{} is gone from every cluster; dropped the gateway's copy", name);
      }
    } else if (refresh instanceof Refresh.Refused) {
      versions.computeIfPresent(name, (key, version) -> new Version(version.sourceSha256(), clock.instant()));
    }
  }

  private Refresh signLocal(String name) {
    try {
      Optional<ResolvedFile> local = store.open(CommonFiles.unsigned(name));
      if (local.isEmpty()) {
        return new Refresh.Gone(new SearchOutcome.Missing("removed from the local store", true));
      }
      byte[] body;
      try (ResolvedFile file = local.get()) {
        body = file.readAll(MAX_SIZE);
      }
      return keep(name, body, () -> signer.sign(body, CommonFiles.unsigned(name)), "signed",
          "signed by " + gatewayId + " from its local store");
    } catch (IOException | GeneralSecurityException e) {
      return failed(name, e);
    }
  }

  private CompletableFuture<Refresh> resignFromClusters(String name, List<String> via) {
    String key = UPSTREAM_PREFIX + name;
    return searchByRelease(name, key, via).thenApplyAsync(outcome -> outcome instanceof SearchOutcome.Found found
        ? fromUpstream(name, key, found, true)
        : new Refresh.Gone((SearchOutcome.Missing) outcome), workers);
  }

  /**
   * Checks the signed copy a search stored under {@code key} and makes the served copy from its
   * body: signed with the gateway's key ({@code resign}), or as it is, stripped of its header.
   */
  private Refresh fromUpstream(String name, String key, SearchOutcome.Found found, boolean resign) {
    try {
      SignedFile upstreamCopy = SignedFile.parse(takeUpstreamCopy(key));
      Optional<String> objection = objection(upstreamCopy, found.clusterId(), resign);
      if (objection.isPresent()) {
        return refused(name, found, objection.get());
      }
      byte[] body = upstreamCopy.body();
      String from = AddressText.origin(found.clusterId(), found.address());
      String fileName = upstreamCopy.fileName().orElse(CommonFiles.unsigned(name));
      return resign
          ? keep(name, body, () -> signer.sign(body, fileName), "signed", "re-signed by " + gatewayId + " from " + from)
          : keep(name, body, () -> body, "stripped", "stripped by " + gatewayId + " from the .sgn of " + from);
    } catch (SignedFileException e) {
      return refused(name, found, "its copy is not a valid signed file: " + e.getMessage());
    } catch (IOException | GeneralSecurityException e) {
      return failed(name, e);
    }
  }

  private CompletableFuture<Refresh> fetchUnsigned(String name, List<String> via) {
    return searchByRelease(name, name, via).thenCompose(outcome -> {
      if (outcome instanceof SearchOutcome.Found found) {
        versions.put(name, new Version(found.entry().sha256(), clock.instant()));
        count("fetched");
        return CompletableFuture.completedFuture(new Refresh.Stored());
      }
      String key = UPSTREAM_PREFIX + name;
      SearchOutcome.Missing plain = (SearchOutcome.Missing) outcome;
      return searchByRelease(CommonFiles.signed(name), key, via).thenApplyAsync(signedOutcome ->
          signedOutcome instanceof SearchOutcome.Found found
              ? fromUpstream(name, key, found, false)
              : new Refresh.Gone(plain.and((SearchOutcome.Missing) signedOutcome)), workers);
    });
  }

  /**
   * Why an upstream signed file may not be used, if it may not.
   *
   * @param toResign whether the gateway will sign its body, which a cluster without a certificate
   *     allows only when marked {@code resign-unverified}
   */
  private Optional<String> objection(SignedFile file, String clusterId, boolean toResign) {
    if (file.encrypted()) {
      return Optional.of("it is encrypted to one phone, which a common file cannot be");
    }
    SignatureTrust clusterTrust = catalog.cluster(clusterId).map(RemoteCluster::trust).orElse(SignatureTrust.none());
    if (clusterTrust.certificate().isPresent()) {
      return file.verifiesWith(clusterTrust.certificate().get())
          ? Optional.empty()
          : Optional.of("its signature does not verify with the cluster's tftp-certificate");
    }
    if (toResign && !clusterTrust.resignUnverified()) {
      return Optional.of("the cluster has no tftp-certificate to check its signature against, and is not marked"
          + " resign-unverified");
    }
    return Optional.empty();
  }

  /** Reads and forgets the upstream copy a search stored under {@code key}. */
  private byte[] takeUpstreamCopy(String key) throws IOException {
    try {
      Optional<ResolvedFile> copy = cache.open(key);
      if (copy.isEmpty()) {
        throw new IOException("the upstream copy " + key + " left the cache before it was checked");
      }
      try (ResolvedFile file = copy.get()) {
        return file.readAll(MAX_SIZE);
      }
    } finally {
      cache.remove(key);
    }
  }

  /** The content a served copy is made from, to be signed or not. */
  @FunctionalInterface
  private interface Producer {
    byte[] produce() throws GeneralSecurityException;
  }

  /**
   * Stores a new copy made from {@code source}, unless the current copy was made from the same.
   *
   * @param outcome what making the copy is called in metrics
   */
  private Refresh keep(String name, byte[] source, Producer producer, String outcome, String origin)
      throws IOException, GeneralSecurityException {
    String sourceSha256 = Sha256.of(source);
    if (sourceSha256.equals(currentSource(name).orElse(null))) {
      versions.put(name, new Version(sourceSha256, clock.instant()));
      count("unchanged");
      return new Refresh.Stored();
    }
    byte[] content = producer.produce();
    try (CacheWriter writer = cache.writer(name, origin)) {
      writer.begin(OptionalLong.of(content.length));
      writer.write(ByteBuffer.wrap(content));
      writer.commit();
    }
    versions.put(name, new Version(sourceSha256, clock.instant()));
    LOG.info("{}: {}", name, origin);
    count(outcome);
    return new Refresh.Stored();
  }

  /**
   * The digest of what the cached copy was made from: remembered since it was made, or, after a
   * restart, read from the copy (a signed copy's body; an unsigned copy is its own source).
   */
  private Optional<String> currentSource(String name) throws IOException {
    Version version = versions.get(name);
    if (version != null && cache.entry(name).isPresent()) {
      return Optional.of(version.sourceSha256());
    }
    if (!CommonFiles.isSigned(name)) {
      return cache.entry(name).map(entry -> entry.sha256());
    }
    Optional<ResolvedFile> copy = cache.open(name);
    if (copy.isEmpty()) {
      return Optional.empty();
    }
    try (ResolvedFile file = copy.get()) {
      return Optional.of(Sha256.of(SignedFile.parse(file.readAll(MAX_SIZE)).body()));
    } catch (SignedFileException e) {
      LOG.warn("the cached copy of {} does not parse; it will be replaced", name, e);
      return Optional.empty();
    }
  }

  private CompletableFuture<SearchOutcome> searchByRelease(String name, String key, List<String> via) {
    List<List<ClusterTarget>> rounds = new ReleaseOrder(catalog.clusters()).rounds(clusters.tftpTargets());
    if (rounds.isEmpty()) {
      return CompletableFuture.completedFuture(new SearchOutcome.Missing("no remote cluster is enabled", true));
    }
    return upstream.searchWhole(name, key, rounds, via);
  }

  private Refresh refused(String name, SearchOutcome.Found found, String why) {
    LOG.warn("not serving {} from cluster {} ({}): {}", name, found.clusterId(), found.address(), why);
    count("refused");
    meters.counter("signing.refused", "cluster", found.clusterId()).increment();
    return new Refresh.Refused(name + " from cluster " + found.clusterId() + ": " + why);
  }

  private Refresh failed(String name, Exception e) {
    LOG.warn("cannot prepare the common file {}", name, e);
    count("failed");
    return new Refresh.Refused(name + " cannot be prepared: " + e.getMessage());
  }

  private void count(String outcome) {
    meters.counter("signing.outcomes", "outcome", outcome).increment();
  }
}
