package io.proxytftp.tftp.codec;

import static io.proxytftp.tftp.codec.Datagrams.bytes;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetasciiEncoderTest {
  /** CR, LF and CRLF at every offset modulo 1..7, so each lands on a block edge somewhere. */
  private static final byte[] TRICKY =
      "\nab\rc\r\nd\n\ne\r\rf\r\n\r\ng\nhi\rjkl\nmnop\rqrstu\n\0\u00ff\r".getBytes(ISO_8859_1);

  /** The conversion spelled out byte by byte, as the oracle for the streaming encoder. */
  static byte[] reference(byte[] file) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte b : file) {
      switch (b) {
        case '\n' -> out.writeBytes(new byte[] {'\r', '\n'});
        case '\r' -> out.writeBytes(new byte[] {'\r', 0});
        default -> out.write(b);
      }
    }
    return out.toByteArray();
  }

  /** The whole file converted in one call into a buffer large enough. */
  static byte[] wholeFile(byte[] file) {
    NetasciiEncoder encoder = new NetasciiEncoder();
    ByteBuffer out = ByteBuffer.allocate(2 * file.length);
    encoder.encode(ByteBuffer.wrap(file), out);
    assertFalse(encoder.hasPending());
    return bytes(out.flip());
  }

  /**
   * Fills DATA blocks the way the server does: reads the file in chunks and calls encode until the
   * block is full or the file and the pending byte are exhausted; a short block ends it.
   */
  static List<byte[]> blocks(byte[] file, int blockSize, int chunkSize) {
    NetasciiEncoder encoder = new NetasciiEncoder();
    ByteBuffer rest = ByteBuffer.wrap(file);
    ByteBuffer chunk = ByteBuffer.allocate(0);
    List<byte[]> blocks = new ArrayList<>();
    ByteBuffer block;
    do {
      block = ByteBuffer.allocate(blockSize);
      while (block.hasRemaining()
          && (chunk.hasRemaining() || encoder.hasPending() || rest.hasRemaining())) {
        if (!chunk.hasRemaining() && !encoder.hasPending()) {
          chunk = rest.slice().limit(Math.min(chunkSize, rest.remaining()));
          rest.position(rest.position() + chunk.remaining());
        }
        encoder.encode(chunk, block);
      }
      blocks.add(bytes(block.flip()));
    } while (block.limit() == blockSize);
    return blocks;
  }

  static byte[] concat(List<byte[]> blocks) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    blocks.forEach(out::writeBytes);
    return out.toByteArray();
  }

  private static String encoded(String file) {
    return new String(wholeFile(file.getBytes(ISO_8859_1)), ISO_8859_1);
  }

  @Test
  void lfBecomesCrLf() {
    assertEquals("a\r\nb\r\n", encoded("a\nb\n"));
  }

  @Test
  void bareCrBecomesCrNul() {
    assertEquals("a\r\0b\r\0", encoded("a\rb\r"));
  }

  @Test
  void crLfInTheFileIsConvertedByteByByte() {
    assertEquals("\r\0\r\n", encoded("\r\n"));
  }

  @Test
  void otherBytesPassUnchanged() {
    assertEquals("\0\t\u007f\u0080\u00ff", encoded("\0\t\u007f\u0080\u00ff"));
  }

  @Test
  void emptyFileGivesNothing() {
    assertEquals("", encoded(""));
  }

  @Test
  void wholeFileMatchesTheByteByByteDefinition() {
    assertArrayEquals(reference(TRICKY), wholeFile(TRICKY));
  }

  @Test
  void pairCutAtTheEndOfOutIsCompletedOnTheNextCall() {
    NetasciiEncoder encoder = new NetasciiEncoder();
    ByteBuffer in = ByteBuffer.wrap(new byte[] {'x', '\n'});
    ByteBuffer first = ByteBuffer.allocate(2);
    encoder.encode(in, first);
    assertEquals("x\r", new String(bytes(first.flip()), ISO_8859_1));
    assertFalse(in.hasRemaining());
    assertTrue(encoder.hasPending());

    ByteBuffer second = ByteBuffer.allocate(4);
    encoder.encode(in, second);
    assertEquals("\n", new String(bytes(second.flip()), ISO_8859_1));
    assertFalse(encoder.hasPending());
  }

  @Test
  void encodeStopsWhenOutIsFullAndLeavesTheRestOfIn() {
    NetasciiEncoder encoder = new NetasciiEncoder();
    ByteBuffer in = ByteBuffer.wrap("abcdef".getBytes(ISO_8859_1));
    ByteBuffer out = ByteBuffer.allocate(4);
    encoder.encode(in, out);
    assertEquals(4, in.position());
    assertFalse(out.hasRemaining());
    assertFalse(encoder.hasPending());
  }

  @Test
  void fullOutConsumesNothing() {
    NetasciiEncoder encoder = new NetasciiEncoder();
    ByteBuffer in = ByteBuffer.wrap(new byte[] {'\n'});
    encoder.encode(in, ByteBuffer.allocate(0));
    assertEquals(0, in.position());
    assertFalse(encoder.hasPending());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7})
  void blockByBlockEqualsWholeFileAtEveryBlockSize(int blockSize) {
    for (int chunkSize = 1; chunkSize <= TRICKY.length; chunkSize++) {
      List<byte[]> blocks = blocks(TRICKY, blockSize, chunkSize);
      assertArrayEquals(wholeFile(TRICKY), concat(blocks), "chunk size " + chunkSize);
      assertBlockSizes(blocks, blockSize);
    }
  }

  @Test
  void blockByBlockEqualsWholeFileForRandomFiles() {
    byte[] alphabet = {'a', 'b', '\r', '\n', 0, (byte) 0xFF};
    for (long seed = 0; seed < 300; seed++) {
      Random random = new Random(seed);
      byte[] file = new byte[random.nextInt(64)];
      for (int i = 0; i < file.length; i++) {
        file[i] = alphabet[random.nextInt(alphabet.length)];
      }
      int blockSize = 1 + random.nextInt(7);
      int chunkSize = 1 + random.nextInt(9);
      List<byte[]> blocks = blocks(file, blockSize, chunkSize);
      String context = "seed " + seed + ", block " + blockSize + ", chunk " + chunkSize;
      assertArrayEquals(reference(file), concat(blocks), context);
      assertBlockSizes(blocks, blockSize);
    }
  }

  @Test
  void fileEndingInLfOnABlockEdgeNeedsOneMoreBlock() {
    List<byte[]> blocks = blocks("abc\n".getBytes(ISO_8859_1), 4, 512);
    assertEquals(
        List.of("abc\r", "\n"), blocks.stream().map(b -> new String(b, ISO_8859_1)).toList());
  }

  @Test
  void convertedLengthAMultipleOfTheBlockSizeEndsWithAnEmptyBlock() {
    List<byte[]> blocks = blocks("a\nb\n".getBytes(ISO_8859_1), 3, 512);
    assertEquals(
        List.of("a\r\n", "b\r\n", ""),
        blocks.stream().map(b -> new String(b, ISO_8859_1)).toList());
  }

  /** Every block but the last is full; the last is short, possibly empty, as TFTP requires. */
  private static void assertBlockSizes(List<byte[]> blocks, int blockSize) {
    for (int i = 0; i < blocks.size() - 1; i++) {
      assertEquals(blockSize, blocks.get(i).length);
    }
    assertTrue(blocks.get(blocks.size() - 1).length < blockSize);
  }
}
