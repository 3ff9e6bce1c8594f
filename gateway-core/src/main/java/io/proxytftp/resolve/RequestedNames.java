package io.proxytftp.resolve;

/**
 * Turns a name as a client sent it into the canonical relative name every store and cache uses, or
 * says why it is refused.
 *
 * <p>Phones are not consistent: some put a leading {@code /}, old software uses {@code \}. Both are
 * normalised. Everything that could leave the store or confuse a file system is refused before
 * any file system is touched: parent and current-directory segments, absolute and drive paths,
 * control characters, characters outside printable ASCII (no phone file name needs them, and they
 * admit look-alikes of {@code .} and {@code /}), and over-long names.
 */
public final class RequestedNames {

  /** Longer names are refused; the longest real phone file names are under 100 characters. */
  public static final int MAX_LENGTH = 255;

  private RequestedNames() {}

  /**
   * Returns the canonical name: no leading separator, {@code /} between segments, no empty
   * segments.
   *
   * @throws RefusedNameException with a reason that is safe to send back to the client
   */
  public static String normalise(String raw) throws RefusedNameException {
    if (raw.length() > MAX_LENGTH) {
      throw new RefusedNameException("name longer than " + MAX_LENGTH + " characters");
    }
    StringBuilder name = new StringBuilder(raw.length());
    int segmentStart = 0;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        throw new RefusedNameException("name contains a control or non-ASCII character");
      }
      if (c == ':') {
        throw new RefusedNameException("name contains ':'");
      }
      if (c == '/' || c == '\\') {
        checkSegment(name, segmentStart);
        if (name.length() > segmentStart) {
          name.append('/');
        }
        segmentStart = name.length();
      } else {
        name.append(c);
      }
    }
    checkSegment(name, segmentStart);
    if (name.length() == 0 || name.charAt(name.length() - 1) == '/') {
      throw new RefusedNameException("name has no file part");
    }
    return name.toString();
  }

  private static void checkSegment(StringBuilder name, int start) throws RefusedNameException {
    int length = name.length() - start;
    if ((length == 1 || length == 2) && isDots(name, start)) {
      throw new RefusedNameException("name contains a '.' or '..' segment");
    }
  }

  private static boolean isDots(StringBuilder name, int start) {
    for (int i = start; i < name.length(); i++) {
      if (name.charAt(i) != '.') {
        return false;
      }
    }
    return true;
  }
}
