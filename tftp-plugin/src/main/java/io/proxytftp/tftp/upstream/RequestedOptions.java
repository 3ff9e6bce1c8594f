package io.proxytftp.tftp.upstream;

import io.proxytftp.resolve.Via;
import io.proxytftp.tftp.codec.ReadRequest;
import io.proxytftp.tftp.codec.TransferMode;
import io.proxytftp.tftp.codec.TransferOptions;
import io.proxytftp.tftp.transport.CascadeOption;
import io.proxytftp.upstream.UpstreamException;
import io.proxytftp.upstream.UpstreamRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The options one fetch asks for (RFC 2347-2349, 7440, and the gateway's own loop guard) and the
 * check of the upstream's OACK against them: a server may lower blksize and windowsize and leave
 * options out, but never raise a value or acknowledge an option that was not asked for. A
 * proxytftp upstream answers the loop guard's option with its own hop (see {@link CascadeOption}),
 * which is handed on as the gateway the upstream says it is.
 */
final class RequestedOptions {
  static final String BLKSIZE = "blksize";
  static final String WINDOWSIZE = "windowsize";
  static final String TSIZE = "tsize";
  static final String TIMEOUT = "timeout";
  /** The gateways a request has passed through, comma-separated; standard servers ignore it. */
  static final String VIA = CascadeOption.NAME;

  private static final long MIN_TIMEOUT_SECONDS = 1;
  private static final long MAX_TIMEOUT_SECONDS = 255;

  /**
   * What a transfer runs with after the OACK, the size the upstream announced, if any, and the
   * hop a proxytftp upstream named itself with, as received.
   */
  record Negotiated(TransferOptions options, OptionalLong size, Optional<String> hop) {}

  private final String name;
  private final int blockSize;
  private final int windowSize;
  private final Duration timeout;
  private final long timeoutSeconds;
  private final String via;

  RequestedOptions(TftpFetcherSettings settings, UpstreamRequest request) {
    this.name = request.name();
    this.blockSize = settings.blockSize();
    this.windowSize = settings.windowSize();
    this.timeout = request.timeout();
    long seconds = timeout.toSeconds() + (timeout.toNanosPart() > 0 ? 1 : 0);
    this.timeoutSeconds = Math.max(MIN_TIMEOUT_SECONDS, Math.min(MAX_TIMEOUT_SECONDS, seconds));
    this.via = Via.format(request.via());
  }

  /** The RRQ asking for every option. */
  ReadRequest withOptions() {
    Map<String, String> options = new LinkedHashMap<>();
    options.put(BLKSIZE, Integer.toString(blockSize));
    options.put(WINDOWSIZE, Integer.toString(windowSize));
    options.put(TSIZE, "0");
    options.put(TIMEOUT, Long.toString(timeoutSeconds));
    if (!via.isEmpty()) {
      options.put(VIA, via);
    }
    return new ReadRequest(name, TransferMode.OCTET, options);
  }

  /** The plain RFC 1350 RRQ, for servers that refuse options. */
  ReadRequest plain() {
    return new ReadRequest(name, TransferMode.OCTET, Map.of());
  }

  /** What the transfer runs with when the server ignores the options and sends DATA 1 at once. */
  TransferOptions ignored() {
    return TransferOptions.defaults(timeout);
  }

  /**
   * Checks an OACK's options.
   *
   * @throws UpstreamException naming the first option the gateway cannot accept
   */
  Negotiated accept(Map<String, String> acknowledged) throws UpstreamException {
    int blocks = TransferOptions.DEFAULT_BLOCK_SIZE;
    int window = 1;
    OptionalLong size = OptionalLong.empty();
    Optional<String> hop = Optional.empty();
    for (Map.Entry<String, String> option : acknowledged.entrySet()) {
      String value = option.getValue();
      switch (option.getKey()) {
        case BLKSIZE -> blocks = (int) parse(BLKSIZE, value, TransferOptions.MIN_BLOCK_SIZE, blockSize);
        case WINDOWSIZE -> window = (int) parse(WINDOWSIZE, value, 1, windowSize);
        case TSIZE -> size = OptionalLong.of(parse(TSIZE, value, 0, Long.MAX_VALUE));
        case TIMEOUT -> parse(TIMEOUT, value, timeoutSeconds, timeoutSeconds);
        case VIA -> {
          if (via.isEmpty()) {
            throw unrequested(VIA);
          }
          hop = Optional.of(value);
        }
        default -> throw unrequested(option.getKey());
      }
    }
    return new Negotiated(new TransferOptions(blocks, timeout, window), size, hop);
  }

  private static long parse(String option, String value, long min, long max) throws UpstreamException {
    long parsed;
    try {
      parsed = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new UpstreamException("upstream acknowledged " + option + " '" + value + "', not a number");
    }
    if (parsed < min || parsed > max) {
      throw new UpstreamException("upstream acknowledged " + option + " " + parsed + " outside " + min + ".." + max);
    }
    return parsed;
  }

  private static UpstreamException unrequested(String option) {
    return new UpstreamException("upstream acknowledged option '" + option + "' that was not requested");
  }
}
