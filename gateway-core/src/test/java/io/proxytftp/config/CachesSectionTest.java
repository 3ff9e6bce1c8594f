package io.proxytftp.config;

import static io.proxytftp.config.Loading.MINIMAL;
import static io.proxytftp.config.Loading.onlyProblem;
import static io.proxytftp.config.Loading.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CachesSectionTest {
  @Test
  void sizesAndTtlAreRead() throws Exception {
    CacheSettings caches =
        parse(MINIMAL + "caches: { memory-size: 0, disk-size: 10GiB, negative-ttl: 0s }").caches();

    assertEquals(new CacheSettings(0, 10L << 30, Duration.ZERO), caches);
  }

  @Test
  void negativeSizeIsRefused() {
    ConfigProblem problem = onlyProblem(MINIMAL + "caches: { disk-size: -1 }");

    assertEquals("caches.disk-size", problem.field());
    assertEquals(
        "expected a size such as 512, 64KiB, 256MiB, 4GiB or 500MB, got \"-1\"", problem.message());
  }

  @Test
  void negativeTtlAboveAnHourIsRefused() {
    ConfigProblem problem = onlyProblem(MINIMAL + "caches: { negative-ttl: 3601s }");

    assertEquals("caches.negative-ttl", problem.field());
    assertEquals("must be between 0s and 1h, got 3601s", problem.message());
  }
}
