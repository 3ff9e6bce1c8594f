package io.proxytftp.config;

import static io.proxytftp.config.Loading.MINIMAL;
import static io.proxytftp.config.Loading.onlyProblem;
import static io.proxytftp.config.Loading.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LimitsSectionTest {
  private static String limits(String settings) {
    return MINIMAL + "limits:\n  " + settings.strip().replace("\n", "\n  ") + "\n";
  }

  @ParameterizedTest
  @CsvSource({
    "max-transfers, 1",
    "max-transfers, 64000",
    "max-block-size, 8",
    "max-block-size, 65464",
    "max-window-size, 1",
    "max-window-size, 65535",
    "retransmit-timeout, 10ms",
    "retransmit-timeout, 255s",
    "max-client-timeout, 1s",
    "max-client-timeout, 255s",
    "max-retransmissions, 0",
    "max-retransmissions, 100",
    "shutdown-grace, 0s",
    "shutdown-grace, 1h",
    "request-head-timeout, 100ms",
    "request-head-timeout, 5m",
  })
  void valuesAtTheBoundariesAreAccepted(String key, String value) throws Exception {
    parse(limits(key + ": " + value + "\nmax-transfers-per-client: 1"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "max-transfers | 0 | must be between 1 and 64000, got 0",
        "max-transfers | 64001 | must be between 1 and 64000, got 64001",
        "max-transfers-per-client | 0 | must be between 1 and 64000, got 0",
        "max-block-size | 7 | must be between 8 and 65464, got 7",
        "max-block-size | 65465 | must be between 8 and 65464, got 65465",
        "max-window-size | 0 | must be between 1 and 65535, got 0",
        "max-window-size | 65536 | must be between 1 and 65535, got 65536",
        "retransmit-timeout | 9ms | must be between 10ms and 255s, got 9ms",
        "retransmit-timeout | 256s | must be between 10ms and 255s, got 256s",
        "max-client-timeout | 999ms | must be between 1s and 255s, got 999ms",
        "max-client-timeout | 256s | must be between 1s and 255s, got 256s",
        "max-retransmissions | -1 | must be between 0 and 100, got -1",
        "max-retransmissions | 101 | must be between 0 and 100, got 101",
        "shutdown-grace | 61m | must be between 0s and 1h, got 61m",
        "request-head-timeout | 99ms | must be between 100ms and 5m, got 99ms",
        "request-head-timeout | 301s | must be between 100ms and 5m, got 301s",
        "max-transfers | 99999999999999999999 | must be between 1 and 64000, got"
            + " 99999999999999999999",
        "max-transfers | many | expected a number, got \"many\"",
        "max-transfers | 1.5 | expected a number, got \"1.5\"",
        "shutdown-grace | 10 | expected a duration such as 500ms, 30s, 5m, 1h or 365d, got \"10\"",
      })
  void valuesOutsideTheirRangeAreRefusedWithTheRange(String key, String value, String message) {
    ConfigProblem problem = onlyProblem(limits(key + ": " + value));

    assertEquals("limits." + key, problem.field());
    assertEquals(message, problem.message());
  }

  @Test
  void perClientLimitAboveMaxTransfersIsRefused() {
    ConfigProblem problem = onlyProblem(limits("max-transfers: 10\nmax-transfers-per-client: 11"));

    assertEquals("limits.max-transfers-per-client", problem.field());
    assertEquals("must not exceed max-transfers (10), got 11", problem.message());
    assertEquals(6, problem.line());
  }

  @Test
  void perClientLimitAboveTheDefaultMaxTransfersIsRefused() {
    ConfigProblem problem = onlyProblem(limits("max-transfers-per-client: 5000"));

    assertEquals("must not exceed max-transfers (4096), got 5000", problem.message());
  }

  @Test
  void perClientLimitEqualToMaxTransfersIsAccepted() throws Exception {
    Limits limits = parse(limits("max-transfers: 10\nmax-transfers-per-client: 10")).limits();

    assertEquals(10, limits.maxTransfersPerClient());
  }

  @Test
  void durationsTakeTheirUnits() throws Exception {
    Limits limits =
        parse(limits("retransmit-timeout: 250ms\nshutdown-grace: 5m\nrequest-head-timeout: 2s")).limits();

    assertEquals(Duration.ofMillis(250), limits.retransmitTimeout());
    assertEquals(Duration.ofMinutes(5), limits.shutdownGrace());
    assertEquals(Duration.ofSeconds(2), limits.requestHeadTimeout());
  }

  @Test
  void requestHeadTimeoutDefaultsToTenSeconds() throws Exception {
    assertEquals(Duration.ofSeconds(10), parse(MINIMAL).limits().requestHeadTimeout());
  }

  @Test
  void clientTimeoutIsCappedAtFiveSecondsUnlessConfigured() throws Exception {
    assertEquals(Duration.ofSeconds(5), parse(MINIMAL).limits().maxClientTimeout());
    assertEquals(Duration.ofSeconds(30), parse(limits("max-client-timeout: 30s")).limits().maxClientTimeout());
  }

  @Test
  void refusedMaxTransfersIsNotComparedWithThePerClientLimit() {
    ConfigProblem problem = onlyProblem(limits("max-transfers: 0\nmax-transfers-per-client: 5000"));

    assertEquals("limits.max-transfers", problem.field());
  }
}
