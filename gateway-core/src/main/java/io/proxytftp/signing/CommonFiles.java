package io.proxytftp.signing;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which names are common files: files every phone of a release asks for under the same name, such
 * as ring lists and locales, which the gateway serves signed with its own key (see {@link
 * SigningCache}). The vendor's Proxy TFTP served its own copies of these, signed by a key the
 * phones did not trust; here they come from the cluster on the highest release and are re-signed.
 *
 * <p>Patterns are matched against a normalised name without its {@code .sgn} suffix, ignoring
 * case: {@code *} stands for any characters within one folder, {@code ?} for one such character,
 * {@code **}{@code /} for any number of folders (none included), and a trailing {@code /**} for
 * everything below a folder.
 */
public final class CommonFiles {
  /**
   * Ring lists; the user locale folders ({@code English_United_States/...}); locale jars and tone
   * files wherever a phone asks for them (an empty locale folder sends {@code /mk-sip.jar}).
   */
  public static final List<String> DEFAULT_PATTERNS = List.of(
      "RingList.xml",
      "Ringlist-wb.xml",
      "DistinctiveRingList.xml",
      "*_*/**",
      "**/*-sip.jar",
      "**/*-sccp.jar",
      "**/*tones.xml");

  private static final String SIGNED_SUFFIX = ".sgn";

  private final List<Pattern> patterns;

  public CommonFiles(List<String> patterns) {
    patterns.forEach(CommonFiles::checkPattern);
    this.patterns = patterns.stream().map(CommonFiles::compile).toList();
  }

  /** Whether a normalised name, signed or not, is a common file. */
  public boolean matches(String name) {
    String unsigned = unsigned(name);
    return patterns.stream().anyMatch(pattern -> pattern.matcher(unsigned).matches());
  }

  /** Whether the name asks for a signed file. */
  public static boolean isSigned(String name) {
    return name.regionMatches(true, name.length() - SIGNED_SUFFIX.length(), SIGNED_SUFFIX, 0, SIGNED_SUFFIX.length());
  }

  /** The name without its {@code .sgn} suffix. */
  public static String unsigned(String name) {
    return isSigned(name) ? name.substring(0, name.length() - SIGNED_SUFFIX.length()) : name;
  }

  /** The name of the signed form of an unsigned name. */
  public static String signed(String unsignedName) {
    return unsignedName + SIGNED_SUFFIX;
  }

  /** Refuses a pattern no requested name could match, with a reason for the configuration error. */
  public static void checkPattern(String pattern) {
    if (pattern.isEmpty() || pattern.length() > 200) {
      throw new IllegalArgumentException("a pattern has 1 to 200 characters");
    }
    if (pattern.startsWith("/") || pattern.contains("\\") || pattern.contains(":")) {
      throw new IllegalArgumentException("a pattern matches normalised names: no leading '/', no '\\' or ':'");
    }
    if (pattern.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
      throw new IllegalArgumentException("a pattern has printable ASCII characters only");
    }
  }

  private static Pattern compile(String glob) {
    StringBuilder regex = new StringBuilder();
    int i = 0;
    while (i < glob.length()) {
      if (glob.startsWith("**/", i)) {
        regex.append("(?:[^/]*/)*");
        i += 3;
      } else if (glob.startsWith("/**", i) && i + 3 == glob.length()) {
        regex.append("/.*");
        i += 3;
      } else if (glob.startsWith("**", i)) {
        regex.append(".*");
        i += 2;
      } else {
        char c = glob.charAt(i++);
        regex.append(switch (c) {
          case '*' -> "[^/]*";
          case '?' -> "[^/]";
          default -> Pattern.quote(String.valueOf(c));
        });
      }
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
  }
}
