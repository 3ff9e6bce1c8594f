package io.proxytftp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ReleaseTest {

  @Test
  void releasesSortByTheirNumbersHoweverTheyAreWritten() {
    List<String> sorted = Stream.of("14.0.1.13900-155", "12.5(1)SU3", "9.1.2", "12.5(1)", "14", "10.0(1)")
        .map(Release::new).sorted().map(Release::text).toList();
    assertEquals(List.of("9.1.2", "10.0(1)", "12.5(1)", "12.5(1)SU3", "14", "14.0.1.13900-155"), sorted);
  }

  @Test
  void leadingZerosDoNotChangeTheOrder() {
    assertEquals(0, new Release("14.0.01").compareTo(new Release("14.0.1")));
  }

  @Test
  void hugeNumbersDoNotOverflow() {
    assertTrue(new Release("99999999999999999999999").compareTo(new Release("1")) > 0);
  }

  @Test
  void releaseWithoutANumberIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Release("latest"));
  }
}
