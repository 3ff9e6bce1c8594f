package io.proxytftp.tftp.codec;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Decides which of a request's options the gateway accepts (blksize, timeout, tsize, windowsize),
 * capping block and window sizes to what the deployment allows: a {@code blksize} or
 * {@code windowsize} larger than that, even beyond the RFC's own maximum (65464, 65535), is granted
 * the largest allowed, as RFC 2348 and 7440 let a server answer with a smaller value and as
 * tftpd-hpa does; only a value below the minimum or one that is not a number is refused (ERROR 8),
 * since no smaller grant can make sense of it. Unknown options are ignored, as RFC
 * 2347 asks, so that new client features never break a transfer. A {@code timeout} above the
 * deployment's ceiling is left out of the OACK (RFC 2349 lets a server only echo or omit it) and the
 * server's own timeout applies: granting 255 s would let one spoofed request hold a transfer slot
 * for (retransmissions + 1) x 255 s. The value of a read request's {@code tsize} is not looked at:
 * it carries nothing (RFC 2349 has the client send 0) and clients put other things there, such as
 * atftp's {@code tsize enable}, so any value is answered with the real size rather than refused
 * (tftpd-hpa and atftpd serve such a request too).
 *
 * <p>Options of the server's own beyond the RFCs (the cascade option) are answered with a fixed
 * value when a request carries them, which RFC 2347 allows for any option the server understands.
 * Such an answer rides on an OACK sent for the RFCs' options and never makes one by itself: a
 * request whose only option is one of these starts as plain RFC 1350, as it did before the server
 * answered it, so no client sees its transfer change for an option it may not expect back.
 */
public final class OptionNegotiator {
  private static final String BLKSIZE = "blksize";
  private static final String TIMEOUT = "timeout";
  private static final String TSIZE = "tsize";
  private static final String WINDOWSIZE = "windowsize";

  private static final int MIN_TIMEOUT_SECONDS = 1;
  private static final int MAX_TIMEOUT_SECONDS = 255;

  private final int maxBlockSize;
  private final int maxWindowSize;
  private final Duration defaultTimeout;
  private final Duration maxTimeout;
  private final Map<String, String> answers;

  /**
   * @param maxBlockSize the largest block size granted, {@value TransferOptions#MIN_BLOCK_SIZE}..
   *     {@value TftpCodec#MAX_BLOCK_SIZE}
   * @param maxWindowSize the largest window size granted, 1..{@value
   *     TransferOptions#MAX_WINDOW_SIZE}
   * @param defaultTimeout the retransmission timeout when the client asks for none; positive
   * @param maxTimeout the longest timeout granted; a longer request is not acknowledged
   */
  public OptionNegotiator(int maxBlockSize, int maxWindowSize, Duration defaultTimeout, Duration maxTimeout) {
    this(maxBlockSize, maxWindowSize, defaultTimeout, maxTimeout, Map.of());
  }

  /**
   * A negotiator that also answers options of the server's own.
   *
   * @param answers the value each such option is answered with, by option name (matched
   *     case-insensitively), whatever value the request gave it
   */
  public OptionNegotiator(int maxBlockSize, int maxWindowSize, Duration defaultTimeout, Duration maxTimeout,
      Map<String, String> answers) {
    this.maxBlockSize =
        Fields.requireInRange(
            maxBlockSize,
            TransferOptions.MIN_BLOCK_SIZE,
            TftpCodec.MAX_BLOCK_SIZE,
            "maximum block size");
    this.maxWindowSize =
        Fields.requireInRange(
            maxWindowSize, 1, TransferOptions.MAX_WINDOW_SIZE, "maximum window size");
    this.defaultTimeout = Fields.requirePositive(defaultTimeout, "default timeout");
    this.maxTimeout = Fields.requirePositive(maxTimeout, "maximum timeout");
    this.answers = Fields.options(answers);
  }

  /**
   * Negotiates a request's options.
   *
   * @param requested the request's options; names are matched case-insensitively
   * @param transferSize the file's size as it will be sent, or empty when it is not known in
   *     advance (netascii conversion changes it), in which case tsize is silently not acknowledged
   * @throws OptionRefusedException if blksize, timeout or windowsize has a value outside its RFC
   *     range
   */
  public Negotiation negotiate(Map<String, String> requested, OptionalLong transferSize)
      throws OptionRefusedException {
    Objects.requireNonNull(transferSize, "transferSize");
    int blockSize = TransferOptions.DEFAULT_BLOCK_SIZE;
    Duration timeout = defaultTimeout;
    int windowSize = 1;
    Map<String, String> acknowledged = new LinkedHashMap<>();
    int answered = 0;
    for (Map.Entry<String, String> option : Fields.options(requested).entrySet()) {
      String name = option.getKey();
      String value = option.getValue();
      switch (name) {
        case BLKSIZE -> {
          blockSize = capped(name, value, TransferOptions.MIN_BLOCK_SIZE, maxBlockSize);
          acknowledged.put(name, Integer.toString(blockSize));
        }
        case TIMEOUT -> {
          int seconds = parseInt(name, value, MIN_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS);
          if (Duration.ofSeconds(seconds).compareTo(maxTimeout) <= 0) {
            timeout = Duration.ofSeconds(seconds);
            acknowledged.put(name, Integer.toString(seconds));
          }
        }
        case TSIZE -> transferSize.ifPresent(size -> acknowledged.put(name, Long.toString(size)));
        case WINDOWSIZE -> {
          windowSize = capped(name, value, 1, maxWindowSize);
          acknowledged.put(name, Integer.toString(windowSize));
        }
        default -> {
          String answer = answers.get(name);
          if (answer != null) {
            acknowledged.put(name, answer);
            answered++;
          } // else RFC 2347: options the server does not know are ignored.
        }
      }
    }
    if (answered == acknowledged.size()) {
      acknowledged.clear(); // nothing but the server's own answers: no OACK for them alone
    }
    return new Negotiation(new TransferOptions(blockSize, timeout, windowSize), acknowledged);
  }

  /** A plain decimal number of at least {@code min}; a larger one than {@code max} is {@code max}. */
  private static int capped(String name, String value, int min, int max) throws OptionRefusedException {
    return (int) Math.min(number(name, value, min, max), max);
  }

  private static int parseInt(String name, String value, int min, int max)
      throws OptionRefusedException {
    long number = number(name, value, min, max);
    if (number > max) {
      throw new OptionRefusedException(name, value, "greater than " + max);
    }
    return (int) number;
  }

  /**
   * A plain decimal number of at least {@code min}, or {@code max + 1} when it is larger than
   * {@code max}, however many digits it has. Signs, spaces and other digits than ASCII are
   * refused, and the value saturates instead of overflowing, so that no input can throw.
   */
  private static long number(String name, String value, long min, long max)
      throws OptionRefusedException {
    if (value.isEmpty()) {
      throw new OptionRefusedException(name, value, "not a number");
    }
    long number = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        throw new OptionRefusedException(name, value, "not a number");
      }
      number = Math.min(number * 10 + (c - '0'), max + 1);
    }
    if (number < min) {
      throw new OptionRefusedException(name, value, "less than " + min);
    }
    return number;
  }
}
