package io.proxytftp.tftp.codec;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.nio.ByteBuffer;

/** Builds raw datagrams for tests, spelling bytes as characters 0..255 so NULs stay visible. */
final class Datagrams {
  private Datagrams() {}

  /** An opcode followed by the given bytes, e.g. {@code datagram(1, "f\0octet\0")}. */
  static ByteBuffer datagram(int opcode, String rest) {
    return ByteBuffer.wrap(
        ("" + (char) (opcode >>> 8) + (char) (opcode & 0xFF) + rest).getBytes(ISO_8859_1));
  }

  /** The remaining bytes of a buffer, consuming them. */
  static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  /** The remaining bytes of a buffer, as characters 0..255, without moving it. */
  static String text(ByteBuffer buffer) {
    return new String(bytes(buffer.duplicate()), ISO_8859_1);
  }
}
