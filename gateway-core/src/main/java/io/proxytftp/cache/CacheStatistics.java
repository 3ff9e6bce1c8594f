package io.proxytftp.cache;

/**
 * How full the cache is and how well it serves, at one moment: what the admin API reports
 * (the same numbers {@code /metrics} exports as {@code cache_*}).
 *
 * @param entries files stored
 * @param diskBytes bytes of content on disk
 * @param diskCapacity the disk tier's bound
 * @param memoryHits opens answered from memory since start
 * @param diskHits opens answered from disk since start
 * @param misses opens that found nothing
 * @param stores versions committed
 * @param evictions files removed to make room
 */
public record CacheStatistics(int entries, long diskBytes, long diskCapacity, long memoryHits, long diskHits,
    long misses, long stores, long evictions) {}
