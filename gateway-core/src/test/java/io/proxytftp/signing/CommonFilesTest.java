package io.proxytftp.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommonFilesTest {
  final CommonFiles defaults = new CommonFiles(CommonFiles.DEFAULT_PATTERNS);

  @ParameterizedTest
  @ValueSource(strings = {"RingList.xml", "RingList.xml.sgn", "Ringlist.xml", "ringlist-wb.xml.sgn",
      "DistinctiveRingList.xml", "English_United_States/mk-sip.jar", "English_United_States/i-button-help.xml",
      "mk-sip.jar", "United_States/g3-tones.xml", "Germany/g3-tones.xml", "g3-tones.xml.SGN"})
  void ringListsAndLocalesAreCommonFiles(String name) {
    assertTrue(defaults.matches(name), name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"SEP001956A3A472.cnf.xml.sgn", "ITLSEP001956A3A472.tlv", "ITLFile.tlv", "XMLDefault.cnf.xml",
      "P0030801SR02.loads", "SK2b3c4d5e-0000-1111-2222-333344445555.xml.sgn", "Desktops/320x212x12/List.xml",
      "AppDialRules.xml", "RingList.xml.bak"})
  void deviceFilesLoadsAndOtherFilesAreNot(String name) {
    assertFalse(defaults.matches(name), name);
  }

  @Test
  void starStaysWithinOneFolder() {
    CommonFiles files = new CommonFiles(List.of("Locales/*.xml"));
    assertTrue(files.matches("Locales/tones.xml"));
    assertFalse(files.matches("Locales/fr/tones.xml"));
  }

  @Test
  void doubleStarSlashSpansAnyNumberOfFoldersIncludingNone() {
    CommonFiles files = new CommonFiles(List.of("**/tones.xml"));
    assertTrue(files.matches("tones.xml"));
    assertTrue(files.matches("a/b/tones.xml"));
  }

  @Test
  void questionMarkIsOneCharacterAndDotsAreLiteral() {
    CommonFiles files = new CommonFiles(List.of("Ring?.xml"));
    assertTrue(files.matches("Ring1.xml"));
    assertFalse(files.matches("Ring1xxml"));
  }

  @Test
  void signedSuffixIsRecognisedInAnyCase() {
    assertEquals("RingList.xml", CommonFiles.unsigned("RingList.xml.SGN"));
    assertEquals("RingList.xml.sgn", CommonFiles.signed("RingList.xml"));
    assertFalse(CommonFiles.isSigned("sgn"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/RingList.xml", "a\\b", "c:x", "caf\u00e9.xml"})
  void patternsNoNormalisedNameCouldMatchAreRefused(String pattern) {
    assertThrows(IllegalArgumentException.class, () -> CommonFiles.checkPattern(pattern));
  }
}
