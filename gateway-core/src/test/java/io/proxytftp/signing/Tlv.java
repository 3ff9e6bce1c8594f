package io.proxytftp.signing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Bytes built by hand, so that tests do not trust the writer under test: any tag with any length, lying or
 * not.
 */
final class Tlv {
  private static final Set<Integer> HEADER_CONTAINERS = Set.of(3, 7, 9);

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  Tlv raw(int... bytes) {
    for (int b : bytes) {
      out.write(b);
    }
    return this;
  }

  Tlv raw(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  /** Tag and length only: a container, or a length that lies. */
  Tlv head(int tag, int length) {
    return raw(tag, length >> 8, length & 0xff);
  }

  Tlv element(int tag, byte[] value) {
    return head(tag, value.length).raw(value);
  }

  Tlv element(int tag, int... value) {
    return head(tag, value.length).raw(value);
  }

  /** NUL-terminated. */
  Tlv string(int tag, String text) {
    return element(tag, (text + "\0").getBytes(StandardCharsets.UTF_8));
  }

  int size() {
    return out.size();
  }

  byte[] bytes() {
    return out.toByteArray();
  }

  /** Signer info, SHA-512, RSA 2048 and a short fake signature: what every header must hold. */
  static Tlv required() {
    return new Tlv()
        .head(3, 27).string(4, "CN=signer").element(5, 0x0a, 0x0b).string(6, "CN=ca")
        .head(7, 15).element(8, 3).head(9, 8).element(10, 0).element(11, 2)
        .element(12, 1, 2, 3, 4, 5, 6, 7, 8);
  }

  /** A trust-list record: tag 1 with a length that covers the elements, then the elements. */
  static Tlv record(Tlv elements) {
    int length = elements.size() + 5;
    return new Tlv().element(1, length >> 8, length & 0xff).raw(elements.bytes());
  }

  /** Version 1.2 and a header length that covers {@code header}, then the body. */
  static byte[] file(Tlv header, byte[] body) {
    return new Tlv().element(1, 1, 2).element(2, (header.size() + 10) >> 8, (header.size() + 10) & 0xff)
        .raw(header.bytes()).raw(body).bytes();
  }

  /** The tags of a header in the order they stand, children of containers included. */
  static List<Integer> headerTags(byte[] file) {
    int length = valueAt(file, 5, 3);
    List<Integer> tags = new ArrayList<>();
    int offset = 0;
    while (offset < length) {
      int tag = file[offset];
      tags.add(tag);
      offset += tag == 13 ? 1 : 3 + (HEADER_CONTAINERS.contains(tag) ? 0 : lengthAt(file, offset));
    }
    return tags;
  }

  /** Where each trust-list record begins, after the header. */
  static List<Integer> recordStarts(byte[] file, int headerLength) {
    List<Integer> starts = new ArrayList<>();
    for (int offset = headerLength; offset < file.length; offset += valueAt(file, offset, 3)) {
      starts.add(offset);
    }
    return starts;
  }

  /** The tags of each trust-list record, record by record. */
  static List<List<Integer>> recordTags(byte[] file, int headerLength) {
    List<List<Integer>> records = new ArrayList<>();
    for (int start : recordStarts(file, headerLength)) {
      List<Integer> tags = new ArrayList<>();
      for (int offset = start; offset < start + valueAt(file, start, 3); offset += 3 + lengthAt(file, offset)) {
        tags.add((int) file[offset]);
      }
      records.add(tags);
    }
    return records;
  }

  /** Where the value of the first element with this tag stands, stepping element by element from {@code from}. */
  static int valueOffset(byte[] file, int from, int tag) {
    int offset = from;
    while (file[offset] != tag) {
      offset += 3 + lengthAt(file, offset);
    }
    return offset + 3;
  }

  static byte[] valueOf(byte[] file, int from, int tag) {
    int value = valueOffset(file, from, tag);
    return Arrays.copyOfRange(file, value, value + lengthAt(file, value - 3));
  }

  static int lengthAt(byte[] file, int offset) {
    return valueAt(file, offset, 1);
  }

  static int indexOf(byte[] bytes, byte[] part) {
    for (int i = 0; i + part.length <= bytes.length; i++) {
      if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }

  /** The 16-bit number {@code skip} bytes after {@code offset}. */
  private static int valueAt(byte[] file, int offset, int skip) {
    return (file[offset + skip] & 0xff) << 8 | file[offset + skip + 1] & 0xff;
  }
}
