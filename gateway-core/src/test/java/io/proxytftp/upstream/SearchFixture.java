package io.proxytftp.upstream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.proxytftp.cache.ContentCache;
import io.proxytftp.cluster.UpstreamHealth;
import io.proxytftp.config.CacheSettings;
import io.proxytftp.config.GatewaySettings;
import io.proxytftp.config.UpstreamSettings;
import io.proxytftp.lifecycle.WorkerPool;
import io.proxytftp.resolve.ResolvedFile;
import io.proxytftp.testing.TestConfigs;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a search test needs around an {@link UpstreamSearch}: a real cache in a temporary folder,
 * health with the test settings, workers and meters; the fetchers are the test's own.
 */
final class SearchFixture implements AutoCloseable {
  final MeterRegistry meters = new SimpleMeterRegistry();
  final UpstreamSettings settings;
  final UpstreamHealth health;
  final WorkerPool workers = new WorkerPool();
  final ContentCache cache;
  /** What the search reported of upstreams that named themselves: cluster, address and hop, in order. */
  final List<String> hops = new CopyOnWriteArrayList<>();

  SearchFixture(Path directory) throws IOException {
    this(directory, TestConfigs.upstream());
  }

  SearchFixture(Path directory, UpstreamSettings settings) throws IOException {
    this.settings = settings;
    health = new UpstreamHealth(settings, Clock.systemUTC(), meters);
    cache = new ContentCache(new GatewaySettings("gw-test", directory, directory.resolve("store")),
        new CacheSettings(1 << 20, 16 << 20, Duration.ofSeconds(30)), Clock.systemUTC(), meters);
    cache.start();
  }

  UpstreamSearch search(UpstreamFetcher... fetchers) {
    return new UpstreamSearch(Set.of(fetchers), health, cache, settings, workers, meters,
        (clusterId, address, hop) -> hops.add(clusterId + " " + address + " " + hop));
  }

  byte[] cached(String name) throws IOException {
    try (ResolvedFile file = cache.open(name).orElseThrow()) {
      return file.readAll(1 << 20);
    }
  }

  @Override
  public void close() throws InterruptedException {
    cache.stop(Duration.ZERO);
    workers.stop(Duration.ZERO);
  }
}
