package io.proxytftp.cache;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * The disk tier's entries in least-recently-used order, with their total size. Not thread-safe:
 * the cache guards it with the same lock as the renames that change the disk, so the two agree.
 */
final class CacheIndex {
  /** Insertion-ordered; {@link #touch} re-inserts, so the first entry is the least recently used. */
  private final LinkedHashMap<String, CacheEntry> entries = new LinkedHashMap<>();
  private long bytes;

  /** The entry, without changing its recency. */
  Optional<CacheEntry> get(String name) {
    return Optional.ofNullable(entries.get(name));
  }

  /** The entry, now the most recently used. */
  Optional<CacheEntry> touch(String name) {
    CacheEntry entry = entries.remove(name);
    if (entry != null) {
      entries.put(name, entry);
    }
    return Optional.ofNullable(entry);
  }

  /** Adds or replaces an entry as the most recently used; returns the one it replaced. */
  Optional<CacheEntry> put(CacheEntry entry) {
    Optional<CacheEntry> previous = remove(entry.name());
    entries.put(entry.name(), entry);
    bytes += entry.size();
    return previous;
  }

  Optional<CacheEntry> remove(String name) {
    CacheEntry previous = entries.remove(name);
    if (previous != null) {
      bytes -= previous.size();
    }
    return Optional.ofNullable(previous);
  }

  /** Removes least recently used entries until the total fits {@code capacity}; returns them. */
  List<CacheEntry> evictToFit(long capacity) {
    List<CacheEntry> evicted = new ArrayList<>();
    Iterator<CacheEntry> eldestFirst = entries.values().iterator();
    while (bytes > capacity && eldestFirst.hasNext()) {
      CacheEntry eldest = eldestFirst.next();
      eldestFirst.remove();
      bytes -= eldest.size();
      evicted.add(eldest);
    }
    return evicted;
  }

  /** Removes every entry; returns them. */
  List<CacheEntry> clear() {
    List<CacheEntry> all = all();
    entries.clear();
    bytes = 0;
    return all;
  }

  List<CacheEntry> all() {
    return List.copyOf(entries.values());
  }

  long bytes() {
    return bytes;
  }

  int size() {
    return entries.size();
  }
}
