package io.proxytftp.config;

import static io.proxytftp.config.Loading.MINIMAL;
import static io.proxytftp.config.Loading.onlyProblem;
import static io.proxytftp.config.Loading.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.proxytftp.signing.CommonFiles;
import io.proxytftp.signing.HashAlgorithm;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SigningSectionTest {

  @Test
  void absentSectionSignsWithSha512AndTheDefaultCommonFiles() throws Exception {
    assertEquals(new SigningSettings(HashAlgorithm.SHA512, Duration.ofMinutes(10), CommonFiles.DEFAULT_PATTERNS),
        parse(MINIMAL).signing());
  }

  @Test
  void everyKeyIsRead() throws Exception {
    SigningSettings signing = parse(MINIMAL + """
        signing:
          hash: SHA1
          revalidate-after: 1h
          common-files: [RingList.xml, "Locales/**"]
        """).signing();
    assertEquals(new SigningSettings(HashAlgorithm.SHA1, Duration.ofHours(1), List.of("RingList.xml", "Locales/**")),
        signing);
  }

  @Test
  void unknownHashIsRefused() {
    ConfigProblem problem = onlyProblem(MINIMAL + "signing: { hash: md5 }");
    assertEquals("signing.hash", problem.field());
    assertEquals("expected sha1 or sha512, got \"md5\"", problem.message());
  }

  @Test
  void refusedPatternIsReportedWithItsIndex() {
    ConfigProblem problem = onlyProblem(MINIMAL + "signing: { common-files: [RingList.xml, /abs/path.xml] }");
    assertEquals("signing.common-files[1]", problem.field());
  }

  @Test
  void commonFilesMustBeAList() {
    ConfigProblem problem = onlyProblem(MINIMAL + "signing: { common-files: RingList.xml }");
    assertEquals("signing.common-files", problem.field());
    assertEquals("expected a list, got \"RingList.xml\"", problem.message());
  }
}
