package io.proxytftp.cache;

import static io.proxytftp.cache.Caches.content;
import static io.proxytftp.cache.Caches.folder;
import static io.proxytftp.cache.Caches.read;
import static io.proxytftp.cache.Caches.started;
import static io.proxytftp.cache.Caches.store;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deleting a blob behind the cache's back shows whether a read touched the disk. */
class MemoryTierTest {
  @TempDir Path data;

  @Test
  void committedFileIsServedFromMemoryWithoutDiskRead() throws Exception {
    ContentCache cache = started(data, 8 << 20, 16 << 20);
    CacheEntry entry = store(cache, "a.xml", content(3000, 1));
    Files.delete(folder(data).blob(entry));

    assertArrayEquals(content(3000, 1), read(cache, "a.xml"));
  }

  @Test
  void memoryTierOffServesFromDisk() throws Exception {
    ContentCache cache = started(data, 0, 16 << 20);
    CacheEntry entry = store(cache, "a.xml", content(3000, 1));
    assertArrayEquals(content(3000, 1), read(cache, "a.xml"));
    Files.delete(folder(data).blob(entry));

    assertTrue(cache.open("a.xml").isEmpty(), "a blob gone behind the cache's back is a miss");
    assertTrue(cache.entry("a.xml").isEmpty());
  }

  @Test
  void diskHitOfSmallFileFillsMemory() throws Exception {
    ContentCache before = started(data, 8 << 20, 16 << 20);
    CacheEntry entry = store(before, "a.xml", content(3000, 1));
    before.stop(Duration.ZERO);
    ContentCache after = started(data, 8 << 20, 16 << 20);
    assertArrayEquals(content(3000, 1), read(after, "a.xml"));
    Files.delete(folder(data).blob(entry));

    assertArrayEquals(content(3000, 1), read(after, "a.xml"));
  }

  @Test
  void filesOverOneMebibyteStayOnDisk() throws Exception {
    ContentCache cache = started(data, 64 << 20, 64 << 20);
    CacheEntry entry = store(cache, "firmware.loads", content((1 << 20) + 1, 1));
    assertArrayEquals(content((1 << 20) + 1, 1), read(cache, "firmware.loads"));
    Files.delete(folder(data).blob(entry));

    assertTrue(cache.open("firmware.loads").isEmpty());
  }

  @Test
  void filesOverAnEighthOfTheMemoryTierStayOnDisk() throws Exception {
    ContentCache cache = started(data, 8000, 1 << 20);
    CacheEntry small = store(cache, "small.xml", content(1000, 1));
    CacheEntry large = store(cache, "large.xml", content(1001, 2));
    Files.delete(folder(data).blob(small));
    Files.delete(folder(data).blob(large));

    assertArrayEquals(content(1000, 1), read(cache, "small.xml"));
    assertTrue(cache.open("large.xml").isEmpty());
  }

  @Test
  void replacementIsServedNotTheOldCopy() throws Exception {
    ContentCache cache = started(data, 8 << 20, 16 << 20);
    store(cache, "a.xml", content(3000, 1));
    read(cache, "a.xml");
    store(cache, "a.xml", content(3000, 2));

    assertArrayEquals(content(3000, 2), read(cache, "a.xml"));
  }

  @Test
  void removedFileIsNotServedFromMemory() throws Exception {
    ContentCache cache = started(data, 8 << 20, 16 << 20);
    store(cache, "a.xml", content(3000, 1));
    cache.remove("a.xml");

    assertTrue(cache.open("a.xml").isEmpty());
  }
}
