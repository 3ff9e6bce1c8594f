package io.proxytftp.tftp.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Files with reproducible random content for download tests. */
final class TftpTestFiles {
  private TftpTestFiles() {}

  static byte[] randomBytes(int length, long seed) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  static String sha256Hex(byte[] bytes) throws java.security.NoSuchAlgorithmException {
    return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  static byte[] write(Path store, String name, int length) throws IOException {
    byte[] content = randomBytes(length, name.hashCode() ^ length);
    Path file = store.resolve(name);
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    return content;
  }
}
