package io.proxytftp.config;

import static io.proxytftp.config.Loading.MINIMAL;
import static io.proxytftp.config.Loading.onlyProblem;
import static io.proxytftp.config.Loading.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UpstreamSectionTest {
  static final UpstreamSettings DEFAULTS = new UpstreamSettings(Duration.ofSeconds(1), Duration.ofSeconds(3),
      Duration.ofMinutes(10), 16, 3, Duration.ofSeconds(30), Duration.ofMinutes(5));

  @Test
  void absentSectionGivesDefaults() throws Exception {
    assertEquals(DEFAULTS, parse(MINIMAL).upstream());
  }

  @Test
  void everyKeyIsRead() throws Exception {
    UpstreamSettings upstream = parse(MINIMAL + """
        upstream:
          timeout: 500ms
          search-timeout: 2s
          fetch-deadline: 1h
          max-fetches-per-address: 4
          failures-before-open: 5
          open-interval: 1m
          dns-refresh: 10m
          hedge-after: 1500ms
        """).upstream();
    assertEquals(new UpstreamSettings(Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofHours(1), 4, 5,
        Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofMillis(1500)), upstream);
  }

  @Test
  void searchTimeoutBelowItsMinimumIsRefusedWithItsPath() {
    ConfigProblem problem = onlyProblem(MINIMAL + "upstream: { search-timeout: 10ms }");
    assertEquals("upstream.search-timeout", problem.field());
    assertEquals("must be between 100ms and 5m, got 10ms", problem.message());
  }

  @Test
  void zeroFetchesPerAddressIsRefused() {
    ConfigProblem problem = onlyProblem(MINIMAL + "upstream: { max-fetches-per-address: 0 }");
    assertEquals("upstream.max-fetches-per-address", problem.field());
  }

  @Test
  void unknownUpstreamKeyIsRefused() {
    ConfigProblem problem = onlyProblem(MINIMAL + "upstream: { retries: 3 }");
    assertEquals("upstream.retries", problem.field());
  }
}
