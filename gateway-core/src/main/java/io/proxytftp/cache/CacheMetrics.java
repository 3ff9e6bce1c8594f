package io.proxytftp.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** The cache's meters, so operators see its hit rate and how full it is. */
final class CacheMetrics {
  private final Counter memoryHits;
  private final Counter diskHits;
  private final Counter misses;
  private final Counter stores;
  private final Counter evictions;

  CacheMetrics(MeterRegistry meters, ContentCache cache) {
    memoryHits = Counter.builder("cache.hits").tag("tier", "memory").register(meters);
    diskHits = Counter.builder("cache.hits").tag("tier", "disk").register(meters);
    misses = Counter.builder("cache.misses").register(meters);
    stores = Counter.builder("cache.stores").register(meters);
    evictions = Counter.builder("cache.evictions").register(meters);
    Gauge.builder("cache.disk.bytes", cache, ContentCache::diskBytes).baseUnit("bytes").register(meters);
    Gauge.builder("cache.entries", cache, ContentCache::entryCount).register(meters);
  }

  void memoryHit() {
    memoryHits.increment();
  }

  void diskHit() {
    diskHits.increment();
  }

  void miss() {
    misses.increment();
  }

  void stored() {
    stores.increment();
  }

  void evicted(int count) {
    evictions.increment(count);
  }

  CacheStatistics statistics(int entries, long diskBytes, long diskCapacity) {
    return new CacheStatistics(entries, diskBytes, diskCapacity, (long) memoryHits.count(), (long) diskHits.count(),
        (long) misses.count(), (long) stores.count(), (long) evictions.count());
  }
}
