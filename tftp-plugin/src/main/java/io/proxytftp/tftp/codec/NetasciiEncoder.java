package io.proxytftp.tftp.codec;

import java.nio.ByteBuffer;

/**
 * Converts a file with Unix line ends to netascii (RFC 1350, RFC 764) on the fly: LF becomes CR LF,
 * and a bare CR becomes CR NUL.
 *
 * <p>Since the conversion makes a file longer, one DATA block is filled by calling {@link #encode}
 * until the block is full, and a pair may not fit at the end of a block. Its second byte is then
 * kept and written first into the next block, so the blocks together are exactly the converted
 * file. One encoder serves one transfer; it is not thread-safe.
 */
public final class NetasciiEncoder {
  private static final byte CR = '\r';
  private static final byte LF = '\n';
  private static final byte NUL = 0;
  private static final int NONE = -1;

  private int pending = NONE;

  /**
   * Converts as much of {@code in} as fits into {@code out}, advancing both. A pair cut at the end
   * of {@code out} is completed on the next call.
   */
  public void encode(ByteBuffer in, ByteBuffer out) {
    while (out.hasRemaining()) {
      if (pending != NONE) {
        out.put((byte) pending);
        pending = NONE;
      } else if (in.hasRemaining()) {
        byte b = in.get();
        if (b == LF) {
          out.put(CR);
          pending = LF;
        } else if (b == CR) {
          out.put(CR);
          pending = NUL;
        } else {
          out.put(b);
        }
      } else {
        return;
      }
    }
  }

  /**
   * True while the second byte of a cut pair is still waiting to be written; a transfer whose file
   * is exhausted is not finished until this is false.
   */
  public boolean hasPending() {
    return pending != NONE;
  }
}
