package io.proxytftp.cache;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.proxytftp.config.CacheSettings;
import io.proxytftp.config.GatewaySettings;
import io.proxytftp.resolve.ResolvedFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.stream.Stream;

/** Caches over a test's folder, and the content and reads the tests need. */
final class Caches {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
  static final String ORIGIN = "cluster-b 127.0.0.1:7001";

  private Caches() {}

  /** A cache, not started, with its data under {@code data}. */
  static ContentCache cache(Path data, long memoryBytes, long diskBytes, MeterRegistry meters) {
    return new ContentCache(
        new GatewaySettings("test-gateway", data, data.resolve("store")),
        new CacheSettings(memoryBytes, diskBytes, Duration.ofSeconds(30)),
        CLOCK,
        meters);
  }

  static ContentCache started(Path data, long memoryBytes, long diskBytes) throws IOException {
    ContentCache cache = cache(data, memoryBytes, diskBytes, new SimpleMeterRegistry());
    cache.start();
    return cache;
  }

  /** Streams content in through a writer, announced, in chunks of 100 bytes, and commits. */
  static CacheEntry store(ContentCache cache, String name, byte[] content) throws IOException {
    try (CacheWriter writer = cache.writer(name, ORIGIN)) {
      writer.begin(OptionalLong.of(content.length));
      for (int at = 0; at < content.length; at += 100) {
        writer.write(ByteBuffer.wrap(content, at, Math.min(100, content.length - at)));
      }
      return writer.commit();
    }
  }

  static byte[] read(ContentCache cache, String name) throws IOException {
    try (ResolvedFile file = cache.open(name).orElseThrow()) {
      return readAll(file);
    }
  }

  /** Reads by position in blocks of 512 bytes, as a TFTP transfer does. */
  static byte[] readAll(ResolvedFile file) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer block = ByteBuffer.allocate(512);
    long position = 0;
    int count;
    while ((count = file.read(block.clear(), position)) >= 0) {
      out.write(block.array(), 0, count);
      position += count;
    }
    return out.toByteArray();
  }

  static byte[] content(int size, long seed) {
    byte[] content = new byte[size];
    new Random(seed).nextBytes(content);
    return content;
  }

  /** Every regular file under the cache folder. */
  static List<Path> files(Path data) throws IOException {
    try (Stream<Path> walk = Files.walk(data.resolve("cache"))) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    }
  }

  static BlobFolder folder(Path data) {
    return new BlobFolder(data.resolve("cache").toAbsolutePath().normalize());
  }
}
