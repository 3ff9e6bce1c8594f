package io.proxytftp.signing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes tag-length-value elements, refusing any value a 16-bit length cannot say: a truncated length
 * would make a file that every phone rejects.
 */
final class TlvWriter {
  private static final int MAX_LENGTH = 0xffff;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  TlvWriter element(int tag, byte[] value) {
    head(tag, value.length);
    out.writeBytes(value);
    return this;
  }

  /** A container: its length covers the children, which follow inline. */
  TlvWriter container(int tag, TlvWriter children) {
    return element(tag, children.toByteArray());
  }

  TlvWriter uint8(int tag, int value) {
    return element(tag, unsigned(tag, value, 1));
  }

  TlvWriter uint16(int tag, int value) {
    return element(tag, unsigned(tag, value, 2));
  }

  TlvWriter uint32(int tag, long value) {
    return element(tag, unsigned(tag, value, 4));
  }

  /** UTF-8 and a terminating NUL; a NUL inside would cut the text short for every reader. */
  TlvWriter string(int tag, String text) {
    if (text.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("tag " + tag + " text contains a NUL: " + text);
    }
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    byte[] value = new byte[utf8.length + 1];
    System.arraycopy(utf8, 0, value, 0, utf8.length);
    return element(tag, value);
  }

  /** A tag that has no length, such as header padding. */
  TlvWriter tagByte(int tag) {
    out.write(tag);
    return this;
  }

  TlvWriter raw(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  int size() {
    return out.size();
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }

  private void head(int tag, int length) {
    if (length > MAX_LENGTH) {
      throw new IllegalArgumentException("tag " + tag + " would hold " + length + " bytes, more than the "
          + MAX_LENGTH + " its 16-bit length can say");
    }
    out.write(tag);
    out.write(length >> 8);
    out.write(length);
  }

  private static byte[] unsigned(int tag, long value, int size) {
    if (value < 0 || value >>> (8 * size) != 0) {
      throw new IllegalArgumentException("tag " + tag + " value " + value + " does not fit in " + size + " bytes");
    }
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) (value >>> (8 * (size - 1 - i)));
    }
    return bytes;
  }
}
