package io.proxytftp.resolve;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.proxytftp.cache.ContentCache;
import io.proxytftp.cluster.AddressText;
import io.proxytftp.cluster.ClusterRegistry;
import io.proxytftp.cluster.ClusterTarget;
import io.proxytftp.config.CacheSettings;
import io.proxytftp.config.SigningSettings;
import io.proxytftp.index.DeviceIndex;
import io.proxytftp.index.DeviceRecord;
import io.proxytftp.lifecycle.WorkerPool;
import io.proxytftp.signing.CommonFiles;
import io.proxytftp.signing.DefaultTrustList;
import io.proxytftp.signing.SignedFile;
import io.proxytftp.signing.SignedFileException;
import io.proxytftp.signing.SigningCache;
import io.proxytftp.store.LocalStore;
import io.proxytftp.upstream.SearchOutcome;
import io.proxytftp.upstream.UpstreamSearch;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.NoSuchFileException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's main job: finds a requested file in its own store, its cache, or whichever remote
 * cluster has it, by the kind of name asked for:
 *
 * <ul>
 *   <li>The local store always comes first; a name it lacks whose signed form ({@code X.sgn}) it
 *       has gets that file's body, as the vendor's TFTP does.
 *   <li>{@code ITLFile.tlv} and {@code CTLFile.tlv} are the gateway's own trust list.
 *   <li>Common files (ring lists, locales) come from the {@link SigningCache}: from the cluster on
 *       the highest release, re-signed with the gateway's key.
 *   <li>A device file (its name carries a MAC) is asked of the phone's home cluster when the device
 *       index knows it, and fetched fresh every time, so a phone moved to another cluster gets its
 *       new home's file at once; if the home no longer has it, every cluster is searched again.
 *       A cached copy answers only when no cluster can be reached.
 *   <li>Other files (loads, softkeys, dial rules, locales) are immutable by name: the cache answers;
 *       otherwise the requesting phone's home cluster (learned from its device file) is asked,
 *       then every cluster.
 *   <li>"Not found" is answered only when every asked cluster address said so, and is remembered
 *       for {@code caches.negative-ttl}; when one failed, broke off or stayed silent instead, the
 *       answer is {@link Resolution.Unavailable} (TFTP error 0, HTTP 502) and is not remembered.
 *       A search for a name already being searched joins it, so a boot storm causes one upstream
 *       fetch per name.
 *   <li>A request that has already passed through this gateway (another proxy asking back) is a
 *       loop and is answered "not found" at once, as the {@link LoopGuard} decides.
 * </ul>
 */
public final class ProxyFileResolver implements FileResolver {
  private static final Logger LOG = LoggerFactory.getLogger(ProxyFileResolver.class);

  private final LoopGuard loopGuard;
  private final LocalStore store;
  private final ContentCache cache;
  private final ClusterRegistry clusters;
  private final DeviceIndex index;
  private final UpstreamSearch upstream;
  private final WorkerPool workers;
  private final Clock clock;
  private final MeterRegistry meters;
  private final CommonFiles commonFiles;
  private final SigningCache signing;
  private final DefaultTrustList trustList;
  private final Cache<String, Boolean> missing;
  private final Map<String, CompletableFuture<SearchOutcome>> searching = new ConcurrentHashMap<>();

  @Inject
  ProxyFileResolver(LoopGuard loopGuard, LocalStore store, ContentCache cache, ClusterRegistry clusters,
      DeviceIndex index, UpstreamSearch upstream, SigningCache signing, DefaultTrustList trustList,
      SigningSettings signingSettings, WorkerPool workers, CacheSettings caches, Clock clock, MeterRegistry meters) {
    this.loopGuard = loopGuard;
    this.store = store;
    this.cache = cache;
    this.clusters = clusters;
    this.index = index;
    this.upstream = upstream;
    this.workers = workers;
    this.clock = clock;
    this.meters = meters;
    this.commonFiles = new CommonFiles(signingSettings.commonFiles());
    this.signing = signing;
    this.trustList = trustList;
    this.missing = Caffeine.newBuilder().expireAfterWrite(caches.negativeTtl()).maximumSize(100_000).build();
  }

  @Override
  public CompletableFuture<Resolution> resolve(FileRequest request) {
    String name;
    try {
      name = RequestedNames.normalise(request.name());
    } catch (RefusedNameException e) {
      return CompletableFuture.completedFuture(new Resolution.Refused(e.getMessage()));
    }
    if (loopGuard.refuses(request, name)) {
      counted("loop");
      return CompletableFuture.completedFuture(new Resolution.NotFound(name));
    }
    return CompletableFuture.supplyAsync(() -> nearby(name), workers).thenCompose(found -> found
        .map(CompletableFuture::completedFuture)
        .orElseGet(() -> commonFiles.matches(name) ? common(name, request) : remote(name, request)));
  }

  /**
   * What the gateway can answer without asking a cluster: its store, its trust list, what it has
   * found missing, and (for files that are not device files or common files) its cache.
   */
  private Optional<Resolution> nearby(String name) {
    try {
      Optional<ResolvedFile> local = store.open(name).or(() -> strippedFromStore(name));
      if (local.isPresent()) {
        counted("local");
        return Optional.of(new Resolution.Found(local.get()));
      }
      Optional<ResolvedFile> own = trustList.open(name);
      if (own.isPresent()) {
        counted("trust-list");
        return Optional.of(new Resolution.Found(own.get()));
      }
      if (missing.getIfPresent(name) != null) {
        counted("missing-cached");
        return Optional.of(new Resolution.NotFound(name));
      }
      if (NameClassifier.deviceMac(name).isEmpty() && !commonFiles.matches(name)) {
        Optional<ResolvedFile> cached = cache.open(name);
        if (cached.isPresent()) {
          counted("cache");
          return Optional.of(new Resolution.Found(cached.get()));
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the gateway cannot sign its trust list", e);
    }
  }

  /** The body of {@code X.sgn} in the store, for a request for {@code X}; empty if none parses. */
  private Optional<ResolvedFile> strippedFromStore(String name) {
    if (CommonFiles.isSigned(name)) {
      return Optional.empty();
    }
    String signedName = CommonFiles.signed(name);
    try {
      Optional<ResolvedFile> signed = store.open(signedName);
      if (signed.isEmpty()) {
        return Optional.empty();
      }
      try (ResolvedFile file = signed.get()) {
        return Optional.of(new BytesFile(name, SignedFile.parse(file.readAll(SigningCache.MAX_SIZE)).body(),
            file.lastModified()));
      }
    } catch (IOException | SignedFileException e) {
      LOG.warn("the local store's {} cannot be stripped to answer {}: {}", signedName, name, e.getMessage());
      return Optional.empty();
    }
  }

  private CompletableFuture<Resolution> common(String name, FileRequest request) {
    return signing.resolve(name, loopGuard.onward(request)).thenApply(resolution -> {
      if (resolution instanceof Resolution.NotFound) {
        missing.put(name, Boolean.TRUE);
      }
      counted(resolution instanceof Resolution.Found ? "common" : "common-not-served");
      return resolution;
    });
  }

  private CompletableFuture<Resolution> remote(String name, FileRequest request) {
    Optional<String> mac = NameClassifier.deviceMac(name);
    Optional<ClusterTarget> home = mac.flatMap(index::lookup)
        .or(() -> index.byClient(request.client().getAddress().getHostAddress()))
        .flatMap(record -> clusters.target(record.clusterId()));
    List<String> via = loopGuard.onward(request);
    return shared(name, () -> searchHomeThenAll(name, home, via))
        .thenApplyAsync(outcome -> answer(name, mac, request.client(), outcome), workers);
  }

  private CompletableFuture<SearchOutcome> searchHomeThenAll(String name, Optional<ClusterTarget> home, List<String> via) {
    if (home.isEmpty()) {
      return upstream.search(name, clusters.tftpTargets(), via);
    }
    return upstream.searchInRounds(name, List.of(List.of(home.get()), others(home.get())), via);
  }

  private List<ClusterTarget> others(ClusterTarget home) {
    return clusters.tftpTargets().stream().filter(target -> !target.clusterId().equals(home.clusterId())).toList();
  }

  /** One search per name at a time: concurrent requesters share it. */
  private CompletableFuture<SearchOutcome> shared(String name, Supplier<CompletableFuture<SearchOutcome>> search) {
    CompletableFuture<SearchOutcome> mine = new CompletableFuture<>();
    CompletableFuture<SearchOutcome> running = searching.putIfAbsent(name, mine);
    if (running != null) {
      return running;
    }
    search.get().whenComplete((outcome, failure) -> {
      if (outcome instanceof SearchOutcome.Arriving arriving) {
        // Later requesters join the arrival too, until the file is in the cache.
        arriving.finished().whenComplete((done, broken) -> searching.remove(name, mine));
      } else {
        searching.remove(name, mine);
      }
      if (failure != null) {
        mine.completeExceptionally(failure);
      } else {
        mine.complete(outcome);
      }
    });
    return mine;
  }

  private Resolution answer(String name, Optional<String> mac, InetSocketAddress client, SearchOutcome outcome) {
    try {
      if (outcome instanceof SearchOutcome.Found found) {
        learn(mac, found.clusterId(), found.address(), client);
        counted("upstream");
        return cache.open(name).<Resolution>map(Resolution.Found::new).orElseGet(() -> new Resolution.NotFound(name));
      }
      if (outcome instanceof SearchOutcome.Arriving arriving) {
        learn(mac, arriving.clusterId(), arriving.address(), client);
        counted("upstream-arriving");
        try {
          return new Resolution.Found(arriving.arrival().open());
        } catch (NoSuchFileException committedMeanwhile) {
          return cache.open(name).<Resolution>map(Resolution.Found::new).orElseGet(() -> new Resolution.NotFound(name));
        }
      }
      SearchOutcome.Missing notFound = (SearchOutcome.Missing) outcome;
      LOG.debug("{}: {}", name, notFound.reason());
      Optional<ResolvedFile> stale = mac.isPresent() && !notFound.everyClusterAnswered() ? cache.open(name) : Optional.empty();
      if (stale.isPresent()) {
        counted("cache-fallback");
        return new Resolution.Found(stale.get());
      }
      if (notFound.localFailure()) {
        counted("not-stored");
        return Resolution.Unavailable.notStored(name);
      }
      if (!notFound.everyClusterAnswered()) {
        counted("upstream-failed");
        return Resolution.Unavailable.upstreamFailed(name);
      }
      missing.put(name, Boolean.TRUE);
      counted("not-found");
      return new Resolution.NotFound(name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void learn(Optional<String> mac, String clusterId, InetSocketAddress address, InetSocketAddress client) {
    mac.ifPresent(device -> index.learn(new DeviceRecord(device, clusterId,
        AddressText.of(address), client.getAddress().getHostAddress(), clock.instant())));
  }

  private void counted(String source) {
    meters.counter("resolve.answers", "source", source).increment();
  }
}
