package io.proxytftp.tftp.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Decodes tens of thousands of hostile datagrams (a million in {@code interop/fuzz-soak}): the codec only ever throws its declared
 * {@link MalformedPacketException}, never leaves the datagram moved, and what it decodes it can encode
 * again. The seed is printed; {@code -Dfuzz.seed=N -Dfuzz.codec.datagrams=N} reproduce or lengthen a run.
 */
class TftpCodecFuzzTest {
  static final int DATAGRAMS = Integer.getInteger("fuzz.codec.datagrams", 50_000);

  @Test
  void hostileDatagramsOnlyEverThrowMalformedPacketException() {
    long seed = Long.getLong("fuzz.seed", System.nanoTime());
    System.out.println("TftpCodecFuzzTest seed=" + seed + " datagrams=" + DATAGRAMS);
    DatagramFuzzer fuzzer = new DatagramFuzzer(seed, List.of("SEP001122334455.cnf.xml", "a", "../x"));
    int decoded = 0;
    int malformed = 0;
    for (int i = 0; i < DATAGRAMS; i++) {
      byte[] datagram = fuzzer.next();
      ByteBuffer buffer = ByteBuffer.wrap(datagram);
      try {
        TftpPacket packet = TftpCodec.decode(buffer);
        TftpCodec.encode(packet);
        decoded++;
      } catch (MalformedPacketException e) {
        malformed++;
      } catch (RuntimeException e) {
        fail("seed " + seed + ", datagram " + i + " (" + HexFormat.of().formatHex(datagram, 0, Math.min(64, datagram.length))
            + "...) threw " + e, e);
      }
      assertEquals(0, buffer.position(), "decoding moved the datagram");
    }
    System.out.println("TftpCodecFuzzTest decoded=" + decoded + " malformed=" + malformed + " made=" + fuzzer.made());
  }
}
