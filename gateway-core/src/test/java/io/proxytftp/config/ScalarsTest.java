package io.proxytftp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScalarsTest {
  private static final Duration NO_MAX = Duration.ofDays(365);

  @ParameterizedTest
  @CsvSource({"500ms, 500", "30s, 30000", "5m, 300000", "1h, 3600000", "0s, 0", "2 s, 2000", "2d, 172800000"})
  void durationTakesMillisecondsSecondsMinutesHoursAndDays(String text, long millis) throws Exception {
    assertEquals(Duration.ofMillis(millis), Scalars.duration(text, Duration.ZERO, NO_MAX));
  }

  @ParameterizedTest
  @ValueSource(strings = {"30", "1.5s", "-1s", "1w", "s", "1 h 30 m", "PT1S"})
  void durationWithoutAKnownUnitIsRefused(String text) {
    InvalidValueException e =
        assertThrows(
            InvalidValueException.class, () -> Scalars.duration(text, Duration.ZERO, NO_MAX));

    assertEquals(
        "expected a duration such as 500ms, 30s, 5m, 1h or 365d, got \"" + text + "\"", e.getMessage());
  }

  @Test
  void durationTooLargeToRepresentIsOutOfRange() {
    InvalidValueException e =
        assertThrows(
            InvalidValueException.class,
            () -> Scalars.duration("99999999999999999999h", Duration.ZERO, Duration.ofHours(1)));

    assertEquals("must be between 0s and 1h, got 99999999999999999999h", e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({
    "512, 512",
    "512B, 512",
    "64KiB, 65536",
    "256MiB, 268435456",
    "4GiB, 4294967296",
    "1KB, 1000",
    "5MB, 5000000",
    "2GB, 2000000000",
    "64 KiB, 65536",
  })
  void byteSizeTakesBinaryAndDecimalUnits(String text, long bytes) throws Exception {
    assertEquals(bytes, Scalars.bytes(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "1.5GiB", "4gib", "4G", "1TiB", "lots"})
  void byteSizeWithUnknownFormIsRefused(String text) {
    assertThrows(InvalidValueException.class, () -> Scalars.bytes(text));
  }

  @Test
  void byteSizeThatOverflowsIsRefused() {
    InvalidValueException e =
        assertThrows(InvalidValueException.class, () -> Scalars.bytes("9999999999999GiB"));

    assertEquals("is too large: 9999999999999GiB", e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"true, true", "false, false", "True, true", "FALSE, false"})
  void boolTakesTrueAndFalse(String text, boolean value) throws Exception {
    assertEquals(value, Scalars.bool(text));
  }

  @ParameterizedTest
  @CsvSource({"0, 0s", "10, 10ms", "1000, 1s", "90000, 90s", "300000, 5m", "7200000, 2h", "172800000, 2d"})
  void durationsAreWrittenInTheirLargestExactUnit(long millis, String text) {
    assertEquals(text, Scalars.format(Duration.ofMillis(millis)));
  }
}
