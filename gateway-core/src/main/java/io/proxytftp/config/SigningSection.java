package io.proxytftp.config;

import io.proxytftp.signing.CommonFiles;
import io.proxytftp.signing.HashAlgorithm;
import java.time.Duration;
import java.util.List;

/** Reads the {@code signing} section: the digest of the gateway's signatures and its common files. */
final class SigningSection {
  private SigningSection() {}

  static SigningSettings read(MappingReader signing) {
    HashAlgorithm hash = signing.optional("hash", HashAlgorithm.SHA512, SigningSection::hash);
    Duration revalidateAfter =
        signing.duration("revalidate-after", Duration.ofSeconds(1), Duration.ofDays(1), Duration.ofMinutes(10));
    List<String> commonFiles = signing.strings("common-files", CommonFiles.DEFAULT_PATTERNS, SigningSection::pattern);
    signing.finish();
    return new SigningSettings(hash, revalidateAfter, commonFiles);
  }

  private static HashAlgorithm hash(String text) throws InvalidValueException {
    try {
      return HashAlgorithm.fromConfig(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidValueException("expected sha1 or sha512, got \"" + text + "\"");
    }
  }

  private static String pattern(String text) throws InvalidValueException {
    try {
      CommonFiles.checkPattern(text);
      return text;
    } catch (IllegalArgumentException e) {
      throw new InvalidValueException(e.getMessage());
    }
  }
}
