package io.proxytftp.cache;

import static io.proxytftp.cache.Caches.content;
import static io.proxytftp.cache.Caches.read;
import static io.proxytftp.cache.Caches.store;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheMetricsTest {
  @TempDir Path data;

  @Test
  void hitsMissesStoresAndEvictionsAreCounted() throws Exception {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    ContentCache cache = Caches.cache(data, 8 << 20, 1000, meters);
    cache.start();
    store(cache, "a.xml", content(400, 1));
    store(cache, "b.xml", content(400, 2));
    read(cache, "a.xml");
    cache.open("missing.xml");
    store(cache, "c.xml", content(400, 3));
    cache.stop(Duration.ZERO);
    cache.start();
    read(cache, "a.xml");

    assertEquals(1, meters.get("cache.hits").tag("tier", "memory").counter().count());
    assertEquals(1, meters.get("cache.hits").tag("tier", "disk").counter().count());
    assertEquals(1, meters.get("cache.misses").counter().count());
    assertEquals(3, meters.get("cache.stores").counter().count());
    assertEquals(1, meters.get("cache.evictions").counter().count());
    assertEquals(800, meters.get("cache.disk.bytes").gauge().value());
    assertEquals(2, meters.get("cache.entries").gauge().value());
  }
}
