package io.proxytftp.cache;

import static io.proxytftp.cache.Caches.content;
import static io.proxytftp.cache.Caches.files;
import static io.proxytftp.cache.Caches.read;
import static io.proxytftp.cache.Caches.readAll;
import static io.proxytftp.cache.Caches.started;
import static io.proxytftp.cache.Caches.store;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxytftp.resolve.ResolvedFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheEvictionTest {
  @TempDir Path data;

  @Test
  void leastRecentlyUsedIsEvictedWhenDiskIsFull() throws Exception {
    ContentCache cache = started(data, 0, 1000);
    store(cache, "a.bin", content(400, 1));
    store(cache, "b.bin", content(400, 2));
    read(cache, "a.bin");
    store(cache, "c.bin", content(400, 3));

    assertTrue(cache.entry("b.bin").isEmpty());
    assertTrue(cache.entry("a.bin").isPresent());
    assertTrue(cache.entry("c.bin").isPresent());
    assertEquals(800, cache.diskBytes());
    assertEquals(4, files(data).size());
  }

  @Test
  void evictionTakesAsManyEntriesAsNeeded() throws Exception {
    ContentCache cache = started(data, 0, 1000);
    store(cache, "a.bin", content(300, 1));
    store(cache, "b.bin", content(300, 2));
    store(cache, "c.bin", content(300, 3));
    store(cache, "big.bin", content(900, 4));

    assertEquals(List.of("big.bin"), cache.entries().stream().map(CacheEntry::name).toList());
    assertEquals(900, cache.diskBytes());
    assertEquals(2, files(data).size());
  }

  @Test
  void lookingAnEntryUpDoesNotMakeItRecent() throws Exception {
    ContentCache cache = started(data, 0, 800);
    store(cache, "a.bin", content(400, 1));
    store(cache, "b.bin", content(400, 2));
    cache.entry("a.bin");
    store(cache, "c.bin", content(400, 3));

    assertTrue(cache.entry("a.bin").isEmpty());
  }

  @Test
  void readerOpenedBeforeReplacementSeesOldContent() throws Exception {
    ContentCache cache = started(data, 0, 1 << 20);
    store(cache, "a.bin", content(5000, 1));
    try (ResolvedFile before = cache.open("a.bin").orElseThrow()) {
      store(cache, "a.bin", content(5000, 2));
      assertArrayEquals(content(5000, 1), readAll(before));
    }
    assertArrayEquals(content(5000, 2), read(cache, "a.bin"));
  }

  @Test
  void readerOpenedBeforeEvictionFinishesReading() throws Exception {
    ContentCache cache = started(data, 0, 6000);
    store(cache, "a.bin", content(5000, 1));
    try (ResolvedFile before = cache.open("a.bin").orElseThrow()) {
      store(cache, "b.bin", content(5000, 2));
      assertTrue(cache.entry("a.bin").isEmpty());
      assertArrayEquals(content(5000, 1), readAll(before));
    }
  }

  @Test
  void readerOpenedBeforeRemovalFinishesReading() throws Exception {
    ContentCache cache = started(data, 0, 1 << 20);
    store(cache, "a.bin", content(5000, 1));
    try (ResolvedFile before = cache.open("a.bin").orElseThrow()) {
      cache.remove("a.bin");
      assertArrayEquals(content(5000, 1), readAll(before));
    }
  }
}
