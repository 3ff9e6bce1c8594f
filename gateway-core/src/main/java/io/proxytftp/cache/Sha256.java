package io.proxytftp.cache;

import io.proxytftp.resolve.ResolvedFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * SHA-256 as the cache uses it: digests of contents and of names, written as lower-case hex, the
 * form {@link CacheEntry#sha256()} has, so others can compare content with a cached version.
 */
public final class Sha256 {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
  private static final HexFormat FORMAT = HexFormat.of();

  private Sha256() {}

  static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  static String hex(MessageDigest digest) {
    return FORMAT.formatHex(digest.digest());
  }

  static String of(String text) {
    MessageDigest digest = newDigest();
    digest.update(text.getBytes(StandardCharsets.UTF_8));
    return hex(digest);
  }

  /** The digest of {@code content}, as {@link CacheEntry#sha256()} writes it. */
  public static String of(byte[] content) {
    MessageDigest digest = newDigest();
    digest.update(content);
    return hex(digest);
  }

  /** The digest of a complete file's content, read from start to end. */
  public static String of(ResolvedFile file) throws IOException {
    MessageDigest digest = newDigest();
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    long position = 0;
    while (position < file.size()) {
      buffer.clear();
      int count = file.read(buffer, position);
      if (count <= 0) {
        throw new IOException(file.name() + " ended after " + position + " of its " + file.size() + " bytes");
      }
      position += count;
      digest.update(buffer.flip());
    }
    return hex(digest);
  }

  static boolean isHex(String text) {
    return HEX.matcher(text).matches();
  }
}
