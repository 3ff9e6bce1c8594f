package io.proxytftp.tftp.upstream;

import io.proxytftp.config.Limits;
import io.proxytftp.tftp.codec.TftpCodec;
import io.proxytftp.tftp.codec.TransferOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * What the upstream TFTP client asks for and how much it takes on. Checked as a whole when built,
 * so a bad configuration names every mistake at once.
 *
 * @param blockSize the blksize requested, {@value TransferOptions#MIN_BLOCK_SIZE}..{@value
 *     TftpCodec#MAX_BLOCK_SIZE}; the default {@value #DEFAULT_BLOCK_SIZE} keeps a DATA datagram
 *     within a 1500-byte MTU, so no block is ever IP-fragmented
 * @param windowSize the RFC 7440 windowsize requested, 1..{@value TransferOptions#MAX_WINDOW_SIZE}
 * @param maxRetransmissions how often one packet is sent again before the upstream is given up as
 *     silent, 0..{@value #MAX_RETRANSMISSIONS}
 * @param maxConcurrentFetches fetches in flight at once, 1..{@value #MAX_CONCURRENT_FETCHES}; past
 *     it a fetch fails at once
 */
public record TftpFetcherSettings(int blockSize, int windowSize, int maxRetransmissions, int maxConcurrentFetches) {
  public static final int DEFAULT_BLOCK_SIZE = 1428;
  public static final int DEFAULT_WINDOW_SIZE = 16;
  public static final int DEFAULT_MAX_RETRANSMISSIONS = 5;
  static final int MAX_RETRANSMISSIONS = 100;
  /**
   * Each fetch holds a local port, and a finished one rests on it a while: keep well within the
   * ephemeral range, which the phones' transfers share. Fetches are one per name at a time and at
   * most {@code upstream.max-fetches-per-address} per cluster address, so few run at once anyway.
   */
  public static final int MAX_CONCURRENT_FETCHES = 8192;

  public TftpFetcherSettings {
    List<String> problems = new ArrayList<>();
    check(problems, blockSize, TransferOptions.MIN_BLOCK_SIZE, TftpCodec.MAX_BLOCK_SIZE, "blockSize");
    check(problems, windowSize, 1, TransferOptions.MAX_WINDOW_SIZE, "windowSize");
    check(problems, maxRetransmissions, 0, MAX_RETRANSMISSIONS, "maxRetransmissions");
    check(problems, maxConcurrentFetches, 1, MAX_CONCURRENT_FETCHES, "maxConcurrentFetches");
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }

  /**
   * What the gateway's limits give the fetcher: its retransmissions, and as many fetches at once as
   * transfers, up to {@link #MAX_CONCURRENT_FETCHES}.
   */
  public static TftpFetcherSettings forLimits(Limits limits) {
    return new TftpFetcherSettings(DEFAULT_BLOCK_SIZE, DEFAULT_WINDOW_SIZE, limits.maxRetransmissions(),
        Math.min(limits.maxTransfers(), MAX_CONCURRENT_FETCHES));
  }

  /** The default blksize, windowsize and retransmissions, with the given bound on fetches. */
  public static TftpFetcherSettings withDefaults(int maxConcurrentFetches) {
    return new TftpFetcherSettings(DEFAULT_BLOCK_SIZE, DEFAULT_WINDOW_SIZE, DEFAULT_MAX_RETRANSMISSIONS, maxConcurrentFetches);
  }

  private static void check(List<String> problems, int value, int min, int max, String what) {
    if (value < min || value > max) {
      problems.add(what + " " + value + " outside " + min + ".." + max);
    }
  }
}
