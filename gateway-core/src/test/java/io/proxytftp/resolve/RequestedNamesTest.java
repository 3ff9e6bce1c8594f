package io.proxytftp.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestedNamesTest {

  @ParameterizedTest
  @CsvSource({
      "SEP001122334455.cnf.xml, SEP001122334455.cnf.xml",
      "/mk-sip.jar, mk-sip.jar",
      "//English_United_States//mk-sip.jar, English_United_States/mk-sip.jar",
      "'English_United_States\\g3-tones.xml', English_United_States/g3-tones.xml",
      "Desktops/320x212x12/List.xml, Desktops/320x212x12/List.xml",
      "'a b.xml', 'a b.xml'",
      "...., ...."})
  void separatorsAndLeadingSlashesAreNormalised(String raw, String expected) throws RefusedNameException {
    assertEquals(expected, RequestedNames.normalise(raw));
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", "../x", "a/../b", "a/..", "./x", "a/./b", "..\\x", "x\\..\\..\\y", "C:\\x",
      "c:x", "a\u0000b", "a\nb", "a\u007fb", "caf\u00e9", "\uff0e\uff0e/x", "a\u2215b", "", "/", "dir/", "\\"})
  void unsafeNamesAreRefused(String raw) {
    assertThrows(RefusedNameException.class, () -> RequestedNames.normalise(raw));
  }

  @Test
  void namesLongerThanTheLimitAreRefused() throws RefusedNameException {
    assertEquals(255, RequestedNames.normalise("a".repeat(255)).length());
    assertThrows(RefusedNameException.class, () -> RequestedNames.normalise("a".repeat(256)));
  }
}
