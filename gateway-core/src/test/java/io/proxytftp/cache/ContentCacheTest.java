package io.proxytftp.cache;

import static io.proxytftp.cache.Caches.ORIGIN;
import static io.proxytftp.cache.Caches.content;
import static io.proxytftp.cache.Caches.files;
import static io.proxytftp.cache.Caches.read;
import static io.proxytftp.cache.Caches.started;
import static io.proxytftp.cache.Caches.store;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.proxytftp.config.CacheSettings;
import io.proxytftp.config.GatewaySettings;
import io.proxytftp.resolve.ResolvedFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentCacheTest {
  @TempDir Path data;

  @Test
  void committedFileIsServedWithItsEntry() throws Exception {
    ContentCache cache = started(data, 0, 1 << 20);
    byte[] content = content(1500, 1);
    CacheEntry entry = store(cache, "Desktops/320x212x12/ring.raw", content);

    assertEquals(new CacheEntry("Desktops/320x212x12/ring.raw", 1500, sha256(content), Caches.CLOCK.instant(), ORIGIN),
        entry);
    assertEquals(entry, cache.entry("Desktops/320x212x12/ring.raw").orElseThrow());
    assertEquals(List.of(entry), cache.entries());
    try (ResolvedFile file = cache.open("Desktops/320x212x12/ring.raw").orElseThrow()) {
      assertEquals(1500, file.size());
      assertEquals(Caches.CLOCK.instant(), file.lastModified());
      assertArrayEquals(content, Caches.readAll(file));
    }
    assertEquals(1500, cache.diskBytes());
  }

  @Test
  void unknownNameIsAMiss() throws Exception {
    ContentCache cache = started(data, 1 << 20, 1 << 20);
    assertTrue(cache.open("SEPDEFAULT.cnf.xml").isEmpty());
    assertTrue(cache.entry("SEPDEFAULT.cnf.xml").isEmpty());
  }

  @Test
  void unannouncedSizeIsTakenFromWhatWasWritten() throws Exception {
    ContentCache cache = started(data, 0, 1 << 20);
    try (CacheWriter writer = cache.writer("a.xml", ORIGIN)) {
      writer.begin(OptionalLong.empty());
      writer.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
      assertEquals(3, writer.written());
      assertEquals(3, writer.commit().size());
    }
    assertArrayEquals(new byte[] {1, 2, 3}, read(cache, "a.xml"));
  }

  @Test
  void emptyFileIsStored() throws Exception {
    ContentCache cache = started(data, 1 << 20, 1 << 20);
    store(cache, "empty.txt", new byte[0]);
    assertArrayEquals(new byte[0], read(cache, "empty.txt"));
  }

  @Test
  void sizeMismatchStoresNothing() throws Exception {
    ContentCache cache = started(data, 1 << 20, 1 << 20);
    try (CacheWriter writer = cache.writer("a.xml", ORIGIN)) {
      writer.begin(OptionalLong.of(10));
      writer.write(ByteBuffer.wrap(new byte[9]));
      IOException failure = assertThrows(IOException.class, writer::commit);
      assertTrue(failure.getMessage().startsWith("size mismatch"), failure.getMessage());
    }
    assertTrue(cache.open("a.xml").isEmpty());
    assertEquals(List.of(), files(data));
    assertEquals(0, cache.diskBytes());
  }

  @Test
  void fileLargerThanCacheIsNotStored() throws Exception {
    ContentCache cache = started(data, 0, 1000);
    try (CacheWriter announced = cache.writer("big.bin", ORIGIN)) {
      IOException failure = assertThrows(IOException.class, () -> announced.begin(OptionalLong.of(1001)));
      assertTrue(failure.getMessage().contains("larger than the cache"), failure.getMessage());
    }
    try (CacheWriter unannounced = cache.writer("big.bin", ORIGIN)) {
      unannounced.begin(OptionalLong.empty());
      unannounced.write(ByteBuffer.wrap(new byte[600]));
      IOException failure = assertThrows(IOException.class, () -> unannounced.write(ByteBuffer.wrap(new byte[401])));
      assertTrue(failure.getMessage().contains("larger than the cache"), failure.getMessage());
      assertThrows(IllegalStateException.class, unannounced::commit);
    }
    assertTrue(cache.entry("big.bin").isEmpty());
    assertEquals(List.of(), files(data));
  }

  @Test
  void fileAsLargeAsTheCacheIsStored() throws Exception {
    ContentCache cache = started(data, 0, 1000);
    store(cache, "exact.bin", content(1000, 2));
    assertEquals(1000, cache.diskBytes());
  }

  @Test
  void abortLeavesNothing() throws Exception {
    ContentCache cache = started(data, 1 << 20, 1 << 20);
    CacheWriter writer = cache.writer("a.xml", ORIGIN);
    writer.begin(OptionalLong.of(5));
    writer.write(ByteBuffer.wrap(new byte[5]));
    writer.abort();
    writer.abort();
    assertThrows(IllegalStateException.class, writer::commit);
    assertTrue(cache.entry("a.xml").isEmpty());
    assertEquals(List.of(), files(data));
  }

  @Test
  void closingWithoutCommitLeavesNothing() throws Exception {
    ContentCache cache = started(data, 1 << 20, 1 << 20);
    try (CacheWriter writer = cache.writer("a.xml", ORIGIN)) {
      writer.begin(OptionalLong.empty());
      writer.write(ByteBuffer.wrap(new byte[5]));
    }
    assertEquals(List.of(), files(data));
  }

  @Test
  void newVersionReplacesTheOldOne() throws Exception {
    ContentCache cache = started(data, 0, 1 << 20);
    store(cache, "a.xml", content(300, 1));
    CacheEntry second = store(cache, "a.xml", content(200, 2));

    assertArrayEquals(content(200, 2), read(cache, "a.xml"));
    assertEquals(List.of(second), cache.entries());
    assertEquals(200, cache.diskBytes());
    assertEquals(2, files(data).size(), "one blob and one sidecar");
  }

  @Test
  void removeDeletesTheFiles() throws Exception {
    ContentCache cache = started(data, 1 << 20, 1 << 20);
    store(cache, "a.xml", content(300, 1));
    store(cache, "b.xml", content(300, 2));

    assertTrue(cache.remove("a.xml"));
    assertFalse(cache.remove("a.xml"));
    assertTrue(cache.open("a.xml").isEmpty());
    assertEquals(300, cache.diskBytes());
    assertEquals(2, files(data).size());
  }

  @Test
  void clearEmptiesBothTiers() throws Exception {
    ContentCache cache = started(data, 1 << 20, 1 << 20);
    store(cache, "a.xml", content(300, 1));
    store(cache, "b.xml", content(300, 2));

    cache.clear();
    assertTrue(cache.open("a.xml").isEmpty());
    assertTrue(cache.open("b.xml").isEmpty());
    assertEquals(List.of(), cache.entries());
    assertEquals(0, cache.diskBytes());
    assertEquals(List.of(), files(data));
  }

  @Test
  void namesWithTraversalCharactersNeverBecomePaths() throws Exception {
    ContentCache cache = started(data, 0, 1 << 20);
    List<String> names = List.of("../../escape.txt", "/etc/passwd", "a\\..\\b", "dir/../../x", "..", "con:aux");
    for (String name : names) {
      store(cache, name, content(10, name.hashCode()));
    }
    for (String name : names) {
      assertArrayEquals(content(10, name.hashCode()), read(cache, name));
    }
    try (var everything = Files.walk(data)) {
      List<Path> outsideCache = everything.filter(path -> !path.startsWith(data.resolve("cache")))
          .filter(path -> !path.equals(data)).toList();
      assertEquals(List.of(), outsideCache);
    }
    for (Path file : files(data)) {
      Path relative = data.resolve("cache").relativize(file);
      assertEquals(2, relative.getNameCount(), relative.toString());
      assertTrue(relative.getName(0).toString().matches("[0-9a-f]{2}"), relative.toString());
      assertTrue(relative.getName(1).toString().matches("[0-9a-f]{64}\\.(meta|[0-9a-f]{64})"), relative.toString());
    }
  }

  @Test
  void constructorRefusesInvalidSettings() {
    GatewaySettings gateway = new GatewaySettings("g", data, data);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    assertThrows(IllegalArgumentException.class, () -> new ContentCache(
        gateway, new CacheSettings(-1, 100, Duration.ZERO), Caches.CLOCK, meters));
    assertThrows(IllegalArgumentException.class, () -> new ContentCache(
        gateway, new CacheSettings(0, -1, Duration.ZERO), Caches.CLOCK, meters));
    assertThrows(NullPointerException.class, () -> new ContentCache(
        gateway, new CacheSettings(0, 100, Duration.ZERO), null, meters));
  }

  @Test
  void cacheRefusesWorkBeforeStart() {
    ContentCache cache = Caches.cache(data, 0, 100, new SimpleMeterRegistry());
    assertThrows(IllegalStateException.class, () -> cache.open("a.xml"));
    assertThrows(IllegalStateException.class, () -> cache.writer("a.xml", ORIGIN));
  }

  static String sha256(byte[] content) throws Exception {
    return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
  }
}
