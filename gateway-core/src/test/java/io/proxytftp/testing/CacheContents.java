package io.proxytftp.testing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxytftp.cache.CacheEntry;
import io.proxytftp.cache.ContentCache;
import io.proxytftp.cache.Sha256;
import io.proxytftp.config.GatewaySettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a running gateway's cache holds, through its API and on disk: for tests of broken upstreams,
 * which must leave no entry and no file behind for bad content, not even half a blob.
 */
public final class CacheContents {
  private CacheContents() {}

  /** Every file under the cache's folder: blobs, sidecars and anything being written ({@code .tmp}). */
  public static List<Path> files(RunningGateway gateway) throws IOException {
    Path folder = gateway.instance(GatewaySettings.class).dataDirectory().resolve("cache");
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile).toList();
    }
  }

  /**
   * The cache holds nothing under {@code name}, and soon no file at all on disk: a broken fetch's
   * partial file is deleted on a worker, which may run just after the phone has had its answer.
   */
  public static void assertEmpty(RunningGateway gateway, String name) throws IOException {
    assertEquals(Optional.empty(), gateway.instance(ContentCache.class).entry(name));
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertEquals(List.of(), files(gateway)));
  }

  /**
   * The cache holds {@code content} under {@code name}, and soon nothing on disk but that entry's
   * blob and sidecar: the partial file of a fetch that lost (a broken winner, or a dripping one
   * raced by its hedge) is deleted on a worker, which may run just after the phone's answer.
   */
  public static void assertHoldsOnly(RunningGateway gateway, String name, byte[] content) throws IOException {
    CacheEntry entry = gateway.instance(ContentCache.class).entry(name).orElseThrow();
    assertEquals(Sha256.of(content), entry.sha256());
    assertEquals(content.length, entry.size());
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      List<Path> files = files(gateway);
      assertEquals(2, files.size(), files::toString);
      assertTrue(files.stream().anyMatch(file -> file.getFileName().toString().endsWith("." + entry.sha256())),
          files::toString);
    });
  }
}
