package io.proxytftp.upstream;

import static io.proxytftp.upstream.ScriptedFetcher.Answer.NOT_FOUND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.proxytftp.cache.ContentCache;
import io.proxytftp.cluster.ClusterTarget;
import io.proxytftp.cluster.UpstreamHealth;
import io.proxytftp.config.CacheSettings;
import io.proxytftp.config.GatewaySettings;
import io.proxytftp.config.UpstreamSettings;
import io.proxytftp.lifecycle.WorkerPool;
import io.proxytftp.testing.TestConfigs;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An address the search could not ask (every fetch permit in use, or its circuit open) has said
 * nothing about the file: "not found" from the others must not pass for every cluster's answer,
 * which the resolver would trust (and a phone's home cluster may be the busy one in a boot storm).
 */
class UnaskedAddressTest {
  static final InetSocketAddress A = new InetSocketAddress("127.0.0.1", 69);
  static final InetSocketAddress B = new InetSocketAddress("127.0.0.2", 69);

  @TempDir Path directory;
  final MeterRegistry meters = new SimpleMeterRegistry();
  final UpstreamSettings settings = TestConfigs.upstream();
  final UpstreamHealth health = new UpstreamHealth(settings, Clock.systemUTC(), meters);
  final ScriptedFetcher tftp = new ScriptedFetcher("tftp", "SEP".getBytes(StandardCharsets.US_ASCII));
  final WorkerPool workers = new WorkerPool();
  ContentCache cache;
  UpstreamSearch search;

  @BeforeEach
  void start() throws Exception {
    cache = new ContentCache(new GatewaySettings("gw-test", directory, directory.resolve("store")),
        new CacheSettings(1 << 20, 16 << 20, Duration.ofSeconds(30)), Clock.systemUTC(), meters);
    cache.start();
    search = new UpstreamSearch(Set.of(tftp), health, cache, settings, workers, meters);
  }

  @AfterEach
  void stop() throws InterruptedException {
    cache.stop(Duration.ZERO);
    workers.stop(Duration.ZERO);
  }

  private SearchOutcome.Missing searchBoth() throws Exception {
    return (SearchOutcome.Missing) search.search("SEP001956A3A472.cnf.xml",
        List.of(new ClusterTarget("a", List.of(A), OptionalInt.empty()), new ClusterTarget("b", List.of(B), OptionalInt.empty())),
        List.of("gw-test")).get(10, TimeUnit.SECONDS);
  }

  @Test
  void notFoundWhileAnotherAddressIsBusyIsNotEveryClustersAnswer() throws Exception {
    tftp.answers(A, NOT_FOUND).answers(B, NOT_FOUND);
    List<UpstreamHealth.Permit> held = new ArrayList<>();
    for (int i = 0; i < settings.maxFetchesPerAddress(); i++) {
      held.add(health.tryAcquire(B).orElseThrow());
    }
    SearchOutcome.Missing missing = searchBoth();
    assertFalse(missing.everyClusterAnswered(), missing.reason());
    assertEquals(List.of(A), tftp.asked().stream().map(UpstreamRequest::address).toList());

    held.forEach(UpstreamHealth.Permit::released);
    assertTrue(searchBoth().everyClusterAnswered());
  }
}
