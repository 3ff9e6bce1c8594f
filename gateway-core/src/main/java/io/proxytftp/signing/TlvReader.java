package io.proxytftp.signing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads tag-length-value elements between two offsets of a file, checking every length against the end
 * before anything is read, so that a malformed file gives a {@link SignedFileException} naming the tag and
 * offset rather than an index out of bounds.
 */
final class TlvReader {
  /** Tag, 2 length bytes. */
  static final int ELEMENT_OVERHEAD = 3;

  private final byte[] bytes;
  private final Set<Integer> singleTags;
  private final Set<Integer> seen = new HashSet<>();
  private int position;
  private int end;
  private String endName;

  /**
   * @param endName what ends at {@code end}, for messages: "the header", "the record", "the file"
   * @param singleTags tags that may appear only once, because a second value would leave it unclear which
   *     one counts
   */
  TlvReader(byte[] bytes, int start, int end, String endName, Set<Integer> singleTags) {
    this.bytes = bytes;
    this.position = start;
    this.end = end;
    this.endName = endName;
    this.singleTags = singleTags;
  }

  /** Moves the end closer, once the file has said where its header ends. */
  void limit(int end, String endName) {
    this.end = end;
    this.endName = endName;
  }

  boolean atEnd() {
    return position >= end;
  }

  int position() {
    return position;
  }

  /** The tag at the current position, without moving past it. */
  int peekTag() {
    return bytes[position] & 0xff;
  }

  /** Moves past a tag that has no length: header padding. */
  void skipTagByte() {
    position++;
  }

  /** Reads the element at the current position and moves past its value. */
  Element next() throws SignedFileException {
    int offset = position;
    int tag = peekTag();
    if (offset + ELEMENT_OVERHEAD > end) {
      throw new SignedFileException("tag " + tag + " at offset " + offset + " has no room for its length before "
          + endName + " ends at " + end);
    }
    int length = uint16(offset + 1);
    int valueEnd = offset + ELEMENT_OVERHEAD + length;
    if (valueEnd > end) {
      throw new SignedFileException("tag " + tag + " at offset " + offset + " claims " + length + " bytes but "
          + endName + " ends at " + end);
    }
    if (singleTags.contains(tag) && !seen.add(tag)) {
      throw new SignedFileException("tag " + tag + " at offset " + offset + " appears a second time in " + endName);
    }
    position = valueEnd;
    return new Element(tag, offset, length);
  }

  /** Moves into a container's value, whose children follow inline. */
  void enter(Element container) {
    position = container.valueOffset();
  }

  /** Moves to an offset this reader has already checked, such as the end of a record. */
  void moveTo(int offset) {
    position = offset;
  }

  byte[] value(Element element) {
    return Arrays.copyOfRange(bytes, element.valueOffset(), element.end());
  }

  /** A fixed-size big-endian unsigned number: 1, 2 or 4 bytes. */
  long unsigned(Element element, int size, String what) throws SignedFileException {
    if (element.length() != size) {
      throw new SignedFileException("tag " + element.tag() + " (" + what + ") at offset " + element.offset()
          + " has length " + element.length() + ", expected " + size);
    }
    long value = 0;
    for (int i = element.valueOffset(); i < element.end(); i++) {
      value = value << 8 | bytes[i] & 0xff;
    }
    return value;
  }

  int uint16(Element element, String what) throws SignedFileException {
    return (int) unsigned(element, 2, what);
  }

  int uint8(Element element, String what) throws SignedFileException {
    return (int) unsigned(element, 1, what);
  }

  /** Two bytes, major and minor, as {@code major.minor}. */
  String version(Element element, String what) throws SignedFileException {
    int version = uint16(element, what);
    return (version >> 8) + "." + (version & 0xff);
  }

  /** A NUL-terminated UTF-8 string; as in C, the text stops at the first NUL. */
  String string(Element element, String what) throws SignedFileException {
    if (element.length() == 0 || bytes[element.end() - 1] != 0) {
      throw new SignedFileException("tag " + element.tag() + " (" + what + ") at offset " + element.offset()
          + " is not NUL-terminated");
    }
    int nul = element.valueOffset();
    while (bytes[nul] != 0) {
      nul++;
    }
    return new String(bytes, element.valueOffset(), nul - element.valueOffset(), StandardCharsets.UTF_8);
  }

  private int uint16(int offset) {
    return (bytes[offset] & 0xff) << 8 | bytes[offset + 1] & 0xff;
  }

  /** Where one element stands in the file. */
  record Element(int tag, int offset, int length) {
    int valueOffset() {
      return offset + ELEMENT_OVERHEAD;
    }

    int end() {
      return valueOffset() + length;
    }
  }
}
