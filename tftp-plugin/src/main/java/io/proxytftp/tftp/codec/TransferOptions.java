package io.proxytftp.tftp.codec;

import java.time.Duration;

/**
 * The parameters a transfer runs with once options are negotiated (RFC 2347-2349, 7440), so that
 * the transfer code never looks at option strings.
 *
 * @param blockSize bytes per DATA block, {@value #MIN_BLOCK_SIZE}..{@value
 *     TftpCodec#MAX_BLOCK_SIZE}
 * @param timeout how long to wait for an acknowledgement before sending again; positive
 * @param windowSize DATA blocks sent before waiting for an ACK, 1..{@value #MAX_WINDOW_SIZE}
 */
public record TransferOptions(int blockSize, Duration timeout, int windowSize) {
  /** The block size of RFC 1350, used when none is negotiated. */
  public static final int DEFAULT_BLOCK_SIZE = 512;

  /** The smallest block size RFC 2348 allows. */
  public static final int MIN_BLOCK_SIZE = 8;

  /** The largest window size RFC 7440 allows. */
  public static final int MAX_WINDOW_SIZE = 65535;

  public TransferOptions {
    Fields.requireInRange(blockSize, MIN_BLOCK_SIZE, TftpCodec.MAX_BLOCK_SIZE, "block size");
    Fields.requirePositive(timeout, "timeout");
    Fields.requireInRange(windowSize, 1, MAX_WINDOW_SIZE, "window size");
  }

  /** What a transfer uses without options: 512-byte blocks, one block per window. */
  public static TransferOptions defaults(Duration timeout) {
    return new TransferOptions(DEFAULT_BLOCK_SIZE, timeout, 1);
  }
}
