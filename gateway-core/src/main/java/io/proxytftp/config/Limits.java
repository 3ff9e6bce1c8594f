package io.proxytftp.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on the work the gateway accepts, so that a boot storm or a flood degrades into clear
 * refusals instead of exhausted memory.
 *
 * @param maxTransfers concurrent transfers over all clients, 1..{@value #MAX_TRANSFERS}; also the
 *     open connections the phones' HTTP listener holds at once
 * @param maxTransfersPerClient concurrent transfers for one client address; also the open
 *     connections the phones' HTTP listener holds for one address
 * @param maxBlockSize the largest TFTP blksize granted (8..65464)
 * @param maxWindowSize the largest RFC 7440 windowsize granted (1..65535)
 * @param retransmitTimeout how long a transfer waits for an acknowledgement before sending again
 *     (a client's {@code timeout} option overrides it, up to {@code maxClientTimeout})
 * @param maxClientTimeout the longest RFC 2349 {@code timeout} granted to a client; a longer one is
 *     left out of the OACK, so that one spoofable request cannot hold a transfer slot for many minutes
 * @param maxRetransmissions how many times one packet is sent again before the transfer gives up
 * @param shutdownGrace how long a stopping gateway lets transfers in flight finish
 * @param requestHeadTimeout how long an HTTP client may take to send a request's line and headers,
 *     from the connection's start or the previous response's end (a client dripping bytes keeps an
 *     idle timeout alive, not this one)
 */
public record Limits(
    int maxTransfers,
    int maxTransfersPerClient,
    int maxBlockSize,
    int maxWindowSize,
    Duration retransmitTimeout,
    Duration maxClientTimeout,
    int maxRetransmissions,
    Duration shutdownGrace,
    Duration requestHeadTimeout) {
  /**
   * The most {@code limits.max-transfers}: each TFTP transfer holds a UDP port of the listener's
   * address for as long as it runs, and one address has about 64,000 ports above the privileged
   * ones. How many the kernel hands out (its ephemeral range) and how many files a process may
   * open bound it further; the TFTP server says at start when they do.
   */
  public static final int MAX_TRANSFERS = 64_000;

  /** The {@code limits.request-head-timeout} a configuration without one gets. */
  public static final Duration DEFAULT_REQUEST_HEAD_TIMEOUT = Duration.ofSeconds(10);

  public Limits {
    Objects.requireNonNull(retransmitTimeout, "retransmitTimeout");
    Objects.requireNonNull(maxClientTimeout, "maxClientTimeout");
    Objects.requireNonNull(shutdownGrace, "shutdownGrace");
    Objects.requireNonNull(requestHeadTimeout, "requestHeadTimeout");
  }

  /** Limits with the default {@link #requestHeadTimeout()}, for settings that leave HTTP alone. */
  public Limits(int maxTransfers, int maxTransfersPerClient, int maxBlockSize, int maxWindowSize,
      Duration retransmitTimeout, Duration maxClientTimeout, int maxRetransmissions, Duration shutdownGrace) {
    this(maxTransfers, maxTransfersPerClient, maxBlockSize, maxWindowSize, retransmitTimeout, maxClientTimeout,
        maxRetransmissions, shutdownGrace, DEFAULT_REQUEST_HEAD_TIMEOUT);
  }
}
