package io.proxytftp.cache;

import static io.proxytftp.cache.Caches.content;
import static io.proxytftp.cache.Caches.files;
import static io.proxytftp.cache.Caches.readAll;
import static io.proxytftp.cache.Caches.started;
import static io.proxytftp.cache.Caches.store;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxytftp.resolve.ResolvedFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheConcurrencyTest {
  private static final int WRITERS = 6;
  private static final int ROUNDS = 15;

  @TempDir Path data;

  @Test
  void concurrentWritersOfOneNameLeaveOneCompleteVersion() throws Exception {
    ContentCache cache = started(data, 0, 1 << 20);
    Set<String> versions = new HashSet<>();
    for (int writer = 0; writer < WRITERS; writer++) {
      versions.add(ContentCacheTest.sha256(version(writer)));
    }
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int writer = 0; writer < WRITERS; writer++) {
      byte[] content = version(writer);
      tasks.add(() -> {
        for (int round = 0; round < ROUNDS; round++) {
          store(cache, "a.bin", content);
        }
        return null;
      });
    }
    tasks.add(() -> {
      for (int round = 0; round < ROUNDS * WRITERS; round++) {
        Optional<ResolvedFile> opened = cache.open("a.bin");
        if (opened.isPresent()) {
          try (ResolvedFile file = opened.get()) {
            assertTrue(versions.contains(ContentCacheTest.sha256(readAll(file))), "a reader saw a torn version");
          }
        }
      }
      return null;
    });
    runTogether(tasks);

    CacheEntry entry = cache.entry("a.bin").orElseThrow();
    try (ResolvedFile file = cache.open("a.bin").orElseThrow()) {
      assertEquals(entry.sha256(), ContentCacheTest.sha256(readAll(file)));
    }
    assertEquals(entry.size(), cache.diskBytes());
    assertEquals(2, files(data).size(), "one blob and its sidecar: " + files(data));
    assertEquals(entry, started(data, 0, 1 << 20).entry("a.bin").orElseThrow());
  }

  @Test
  void concurrentWritersOfManyNamesStayWithinCapacity() throws Exception {
    ContentCache cache = started(data, 64 << 10, 20_000);
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int writer = 0; writer < WRITERS; writer++) {
      int first = writer * ROUNDS;
      tasks.add(() -> {
        for (int name = first; name < first + ROUNDS; name++) {
          store(cache, "file-" + name, content(1000 + name, name));
          cache.open("file-" + (name / 2)).ifPresent(ResolvedFile::close);
        }
        return null;
      });
    }
    runTogether(tasks);

    long total = cache.entries().stream().mapToLong(CacheEntry::size).sum();
    assertEquals(total, cache.diskBytes());
    assertTrue(total <= 20_000, "disk tier holds " + total);
    assertEquals(2 * cache.entries().size(), files(data).size());
  }

  /** Different sizes, so a torn or mismatched pair could not pass for a version. */
  private static byte[] version(int writer) {
    return content(2000 + 100 * writer, writer);
  }

  private static void runTogether(List<Callable<Void>> tasks) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(tasks.size());
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Void>> results = new ArrayList<>();
      for (Callable<Void> task : tasks) {
        results.add(threads.submit(() -> {
          start.await();
          return task.call();
        }));
      }
      start.countDown();
      for (Future<Void> result : results) {
        result.get();
      }
    } finally {
      threads.shutdownNow();
    }
  }
}
