package io.proxytftp.http.phone;

import java.util.Locale;

/**
 * The media type a phone is told for a file, from its name alone. Phones do not look at it; it is
 * for browsers and tools. XML configuration (but not its signed {@code .sgn} form) is
 * {@code text/xml} without a charset, since phone files declare their own encoding if any; all
 * else (signed files, trust lists, firmware, jars, tones) is opaque bytes.
 */
final class ContentTypes {
  static final String XML = "text/xml";
  static final String BYTES = "application/octet-stream";

  private ContentTypes() {}

  static String of(String name) {
    return name.toLowerCase(Locale.ROOT).endsWith(".xml") ? XML : BYTES;
  }
}
