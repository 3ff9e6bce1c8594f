package io.proxytftp.signing;

import java.util.List;
import java.util.Locale;

/**
 * The digests the gateway signs with. Only two: SHA-1 for phones whose firmware knows nothing newer, and
 * SHA-512 for the rest; the tools that make these files have never agreed on more.
 *
 * <p>The code written into the header (tag 8) is ambiguous across tool versions. {@code 1} is SHA-1
 * everywhere. The current certutils {@code tlvfile} writes SHA-512 as {@code 3}; an older {@code sgnfile}
 * used {@code 2} for SHA-256, {@code 3} for SHA-384 and {@code 4} for SHA-512; some documentation says old
 * tools wrote SHA-512 as {@code 2}. The gateway writes {@code 1} and {@code 3}, as current certutils does,
 * and reads every one of those meanings: see {@link #verificationAlgorithms(int)}.
 */
public enum HashAlgorithm {
  SHA1(1, "SHA1withRSA"),
  SHA512(3, "SHA512withRSA");

  private final int code;
  private final String jcaName;

  HashAlgorithm(int code, String jcaName) {
    this.code = code;
    this.jcaName = jcaName;
  }

  /** The value of tag 8 in a header this gateway writes. */
  public int code() {
    return code;
  }

  /** The {@link java.security.Signature} algorithm that signs with this digest. */
  public String jcaName() {
    return jcaName;
  }

  /**
   * Reads the configuration spelling, {@code sha1} or {@code sha512} in any case.
   *
   * @throws IllegalArgumentException for anything else, naming the accepted values
   */
  public static HashAlgorithm fromConfig(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "sha1" -> SHA1;
      case "sha512" -> SHA512;
      default -> throw new IllegalArgumentException("hash algorithm '" + name + "' is neither sha1 nor sha512");
    };
  }

  /**
   * The signature algorithms that a header's hash code may mean, most likely first. Trying each in turn is
   * safe: a PKCS#1 v1.5 signature embeds its digest's OID, so a wrong guess fails to verify rather than
   * verifying something else. An unknown code means nothing, and nothing verifies.
   */
  static List<String> verificationAlgorithms(int code) {
    return switch (code) {
      case 1 -> List.of("SHA1withRSA");
      case 2 -> List.of("SHA256withRSA", "SHA512withRSA");
      case 3 -> List.of("SHA512withRSA", "SHA384withRSA");
      case 4 -> List.of("SHA512withRSA");
      default -> List.of();
    };
  }
}
