package io.proxytftp.cache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Properties;

/**
 * The text of a blob's metadata file: a {@link CacheEntry} as {@link Properties}, whose escaping
 * carries any name safely. Reading is lenient only in that anything malformed reads as nothing,
 * which makes the blob it describes an orphan.
 */
final class Sidecar {
  private static final String NAME = "name";
  private static final String SIZE = "size";
  private static final String SHA256 = "sha256";
  private static final String STORED_AT = "storedAt";
  private static final String ORIGIN = "origin";

  private Sidecar() {}

  static byte[] encode(CacheEntry entry) {
    Properties properties = new Properties();
    properties.setProperty(NAME, entry.name());
    properties.setProperty(SIZE, Long.toString(entry.size()));
    properties.setProperty(SHA256, entry.sha256());
    properties.setProperty(STORED_AT, entry.storedAt().toString());
    properties.setProperty(ORIGIN, entry.origin());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      properties.store(out, null);
    } catch (IOException e) {
      throw new UncheckedIOException("a byte array cannot fail", e);
    }
    return out.toByteArray();
  }

  static Optional<CacheEntry> decode(byte[] text) {
    Properties properties = new Properties();
    try {
      properties.load(new ByteArrayInputStream(text));
      return Optional.of(new CacheEntry(
          properties.getProperty(NAME),
          Long.parseLong(properties.getProperty(SIZE)),
          properties.getProperty(SHA256),
          Instant.parse(properties.getProperty(STORED_AT)),
          properties.getProperty(ORIGIN)));
    } catch (IOException | IllegalArgumentException | NullPointerException | DateTimeParseException e) {
      // Malformed escapes, a missing or unparsable field: not a sidecar this cache wrote whole.
      return Optional.empty();
    }
  }
}
