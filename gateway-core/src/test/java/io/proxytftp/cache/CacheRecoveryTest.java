package io.proxytftp.cache;

import static io.proxytftp.cache.Caches.content;
import static io.proxytftp.cache.Caches.files;
import static io.proxytftp.cache.Caches.folder;
import static io.proxytftp.cache.Caches.read;
import static io.proxytftp.cache.Caches.started;
import static io.proxytftp.cache.Caches.store;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crashes are simulated by leaving the folder as a kill -9 could, then starting a fresh cache. */
class CacheRecoveryTest {
  @TempDir Path data;

  @Test
  void restartKeepsCommittedEntries() throws Exception {
    ContentCache before = started(data, 1 << 20, 1 << 20);
    CacheEntry a = store(before, "a.xml", content(300, 1));
    CacheEntry b = store(before, "dir/b.xml", content(5000, 2));
    before.stop(java.time.Duration.ZERO);

    ContentCache after = started(data, 1 << 20, 1 << 20);
    assertEquals(a, after.entry("a.xml").orElseThrow());
    assertEquals(b, after.entry("dir/b.xml").orElseThrow());
    assertArrayEquals(content(5000, 2), read(after, "dir/b.xml"));
    assertEquals(5300, after.diskBytes());
  }

  @Test
  void leftoverTempFilesAreDeletedOnStart() throws Exception {
    ContentCache before = started(data, 0, 1 << 20);
    store(before, "a.xml", content(300, 1));
    Path leftover = Files.write(folder(data).newTemporaryFile(), content(100, 2));
    Files.write(folder(data).sidecar("a.xml").resolveSibling("stray.tmp"), new byte[3]);

    ContentCache after = started(data, 0, 1 << 20);
    assertTrue(Files.notExists(leftover));
    assertEquals(2, files(data).size());
    assertArrayEquals(content(300, 1), read(after, "a.xml"));
  }

  @Test
  void blobWithoutSidecarIsDeletedOnStart() throws Exception {
    ContentCache before = started(data, 0, 1 << 20);
    CacheEntry entry = store(before, "a.xml", content(300, 1));
    Files.delete(folder(data).sidecar("a.xml"));

    ContentCache after = started(data, 0, 1 << 20);
    assertTrue(after.entry("a.xml").isEmpty());
    assertTrue(Files.notExists(folder(data).blob(entry)));
    assertEquals(List.of(), files(data));
  }

  @Test
  void sidecarWithoutBlobIsDeletedOnStart() throws Exception {
    ContentCache before = started(data, 0, 1 << 20);
    CacheEntry entry = store(before, "a.xml", content(300, 1));
    Files.delete(folder(data).blob(entry));

    ContentCache after = started(data, 0, 1 << 20);
    assertTrue(after.open("a.xml").isEmpty());
    assertEquals(List.of(), files(data));
  }

  @Test
  void truncatedBlobIsDeletedOnStart() throws Exception {
    ContentCache before = started(data, 0, 1 << 20);
    CacheEntry entry = store(before, "a.xml", content(300, 1));
    try (FileChannel blob = FileChannel.open(folder(data).blob(entry), StandardOpenOption.WRITE)) {
      blob.truncate(299);
    }

    ContentCache after = started(data, 0, 1 << 20);
    assertTrue(after.open("a.xml").isEmpty());
    assertEquals(0, after.diskBytes());
    assertEquals(List.of(), files(data));
  }

  @Test
  void unreadableSidecarIsDeletedWithItsBlobOnStart() throws Exception {
    ContentCache before = started(data, 0, 1 << 20);
    store(before, "a.xml", content(300, 1));
    Files.writeString(folder(data).sidecar("a.xml"), "name=a.xml\nsize=300\n");

    ContentCache after = started(data, 0, 1 << 20);
    assertTrue(after.entry("a.xml").isEmpty());
    assertEquals(List.of(), files(data));
  }

  @Test
  void sidecarMovedUnderAnotherKeyIsDeletedOnStart() throws Exception {
    ContentCache before = started(data, 0, 1 << 20);
    CacheEntry entry = store(before, "a.xml", content(300, 1));
    Path foreign = folder(data).sidecar("b.xml");
    Files.createDirectories(foreign.getParent());
    Files.move(folder(data).sidecar("a.xml"), foreign);

    ContentCache after = started(data, 0, 1 << 20);
    assertTrue(after.entries().isEmpty());
    assertTrue(Files.notExists(folder(data).blob(entry)));
  }

  @Test
  void crashBeforeTheSidecarRenameKeepsTheOldVersionEvenAtTheSameSize() throws Exception {
    ContentCache before = started(data, 0, 1 << 20);
    CacheEntry old = store(before, "a.xml", content(300, 1));
    // The new version's blob was renamed into place, its sidecar not yet: the state a kill -9
    // between the two renames leaves.
    byte[] newer = content(300, 2);
    CacheEntry newerEntry = new CacheEntry("a.xml", 300, ContentCacheTest.sha256(newer), Instant.EPOCH, "x");
    Files.write(folder(data).blob(newerEntry), newer);

    ContentCache after = started(data, 0, 1 << 20);
    assertEquals(old, after.entry("a.xml").orElseThrow());
    assertArrayEquals(content(300, 1), read(after, "a.xml"));
    assertTrue(Files.notExists(folder(data).blob(newerEntry)));
  }

  @Test
  void restartTakesRecencyFromModificationTimes() throws Exception {
    ContentCache before = started(data, 0, 300);
    CacheEntry a = store(before, "a.xml", content(100, 1));
    CacheEntry b = store(before, "b.xml", content(100, 2));
    CacheEntry c = store(before, "c.xml", content(100, 3));
    Files.setLastModifiedTime(folder(data).blob(b), FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
    Files.setLastModifiedTime(folder(data).blob(c), FileTime.from(Instant.parse("2026-01-02T00:00:00Z")));
    Files.setLastModifiedTime(folder(data).blob(a), FileTime.from(Instant.parse("2026-01-03T00:00:00Z")));

    ContentCache after = started(data, 0, 300);
    assertEquals(List.of(b, c, a), after.entries());
    store(after, "d.xml", content(100, 4));
    assertTrue(after.entry("b.xml").isEmpty());
    assertTrue(after.entry("a.xml").isPresent());
  }
}
