package io.proxytftp.tftp.codec;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Makes hostile TFTP datagrams from a seeded {@link Random}, so a failure reproduces from its seed.
 * Protocol-aware: it starts from well-formed RRQs, WRQs, ACKs, DATA, ERRORs and OACKs (with real
 * and absurd blksize, windowsize, tsize and timeout values, and lists of hundreds of options), or
 * from wrong opcodes, empty, one-byte, random and 65 KB datagrams, then often damages them: flipped
 * bytes, truncation, NULs removed or added.
 */
public final class DatagramFuzzer {
  /** What a datagram started as, for the figures a run prints. */
  public enum Kind { RRQ, WRQ, ACK, DATA, ERROR, OACK, HUGE_OPTIONS, WRONG_OPCODE, EMPTY, RANDOM, MAX_SIZE }

  /** The largest UDP payload over IPv4. */
  public static final int MAX_DATAGRAM = 65_507;

  private static final List<String> OPTIONS = List.of("blksize", "windowsize", "tsize", "timeout", "BLKSIZE",
      "proxytftp-via", "multicast", "rollover", "utimeout", "x");
  private static final List<String> VALUES = List.of("0", "1", "7", "8", "512", "1428", "65464", "65465", "65535",
      "99999999999999999999", "-1", "", " 512", "0x200", "1e3", "64", "65", "255", "256", "9223372036854775808", "abc");
  private static final List<String> MODES = List.of("octet", "netascii", "mail", "OCTET", "NetAscii", "binary", "",
      "octet\u0000");

  private final Random random;
  private final List<String> names;
  private final Map<Kind, Integer> made = new EnumMap<>(Kind.class);

  /** @param names file names the RRQs mostly ask for, so some of them start real transfers */
  public DatagramFuzzer(long seed, List<String> names) {
    this.random = new Random(seed);
    this.names = List.copyOf(names);
  }

  public Random random() {
    return random;
  }

  /** How many datagrams of each kind were made so far. */
  public Map<Kind, Integer> made() {
    return Map.copyOf(made);
  }

  /** The next datagram: of a random kind, damaged about half the time. */
  public byte[] next() {
    Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
    made.merge(kind, 1, Integer::sum);
    byte[] datagram = make(kind);
    return capped(random.nextBoolean() ? damage(datagram) : datagram);
  }

  /** An ACK or DATA for a live transfer's port, with a random block number, possibly damaged. */
  public byte[] forTransfer() {
    Kind kind = random.nextInt(4) == 0 ? Kind.DATA : random.nextInt(8) == 0 ? Kind.ERROR : Kind.ACK;
    made.merge(kind, 1, Integer::sum);
    byte[] datagram = make(kind);
    return capped(random.nextInt(4) == 0 ? damage(datagram) : datagram);
  }

  private byte[] make(Kind kind) {
    return switch (kind) {
      case RRQ -> request(1, random.nextInt(4));
      case WRQ -> request(2, random.nextInt(4));
      case ACK -> header(4, block());
      case DATA -> concat(header(3, block()), bytes(random.nextInt(8) == 0 ? random.nextInt(66_000) : random.nextInt(1_500)));
      case ERROR -> concat(header(5, random.nextInt(10) == 0 ? random.nextInt(65_536) : random.nextInt(9)),
          text(randomText(random.nextInt(40)) + (random.nextBoolean() ? "\0" : "")));
      case OACK -> concat(header(6), options(random.nextInt(5)));
      case HUGE_OPTIONS -> request(1, 100 + random.nextInt(2_000));
      case WRONG_OPCODE -> concat(header(random.nextBoolean() ? 0 : 7 + random.nextInt(65_529)), bytes(random.nextInt(64)));
      case EMPTY -> bytes(random.nextInt(2));
      case RANDOM -> bytes(random.nextInt(1_024));
      case MAX_SIZE -> bytes(MAX_DATAGRAM - random.nextInt(2_000));
    };
  }

  private byte[] request(int opcode, int optionCount) {
    String name = random.nextInt(5) == 0 ? randomText(1 + random.nextInt(300)) : names.get(random.nextInt(names.size()));
    String mode = MODES.get(random.nextInt(MODES.size()));
    return concat(header(opcode), text(name + "\0" + mode + "\0"), options(optionCount));
  }

  private byte[] options(int count) {
    StringBuilder options = new StringBuilder();
    for (int i = 0; i < count; i++) {
      String name = random.nextInt(10) == 0 ? randomText(1 + random.nextInt(20)) : OPTIONS.get(random.nextInt(OPTIONS.size()));
      String value = random.nextInt(10) == 0 ? randomText(random.nextInt(20)) : VALUES.get(random.nextInt(VALUES.size()));
      if (name.equalsIgnoreCase("timeout") && grantableTimeout(value)) {
        value = "1";
      }
      options.append(name).append('\0').append(value).append('\0');
    }
    return text(options.toString());
  }

  /**
   * Whether the server would grant this timeout (1..255 seconds). A granted timeout of T keeps an
   * unacknowledged transfer alive for (max-retransmissions + 1) x T, up to 25 minutes, which the RFC
   * allows; granted ones are kept at 1 s so that a run can wait for every transfer to end.
   */
  private static boolean grantableTimeout(String value) {
    return value.matches("0*[1-9][0-9]{0,2}") && Integer.parseInt(value) <= 255;
  }

  private int block() {
    return random.nextInt(4) == 0 ? random.nextInt(65_536) : random.nextInt(4);
  }

  /** Flips bytes, truncates, removes NULs or appends junk, once or a few times. */
  private byte[] damage(byte[] datagram) {
    byte[] damaged = datagram;
    for (int round = 0, rounds = 1 + random.nextInt(3); round < rounds; round++) {
      switch (random.nextInt(5)) {
        case 0 -> flip(damaged);
        case 1 -> damaged = Arrays.copyOf(damaged, damaged.length == 0 ? 0 : random.nextInt(damaged.length));
        case 2 -> damaged = withoutNuls(damaged);
        case 3 -> damaged = concat(damaged, bytes(random.nextInt(16)));
        default -> damaged = concat(damaged, new byte[] {0});
      }
    }
    return damaged;
  }

  /** What fits in one UDP datagram. */
  private static byte[] capped(byte[] datagram) {
    return datagram.length > MAX_DATAGRAM ? Arrays.copyOf(datagram, MAX_DATAGRAM) : datagram;
  }

  private void flip(byte[] datagram) {
    for (int i = 0, flips = 1 + random.nextInt(4); i < flips && datagram.length > 0; i++) {
      datagram[random.nextInt(datagram.length)] ^= (byte) (1 << random.nextInt(8));
    }
  }

  private byte[] withoutNuls(byte[] datagram) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < datagram.length; i++) {
      if (datagram[i] != 0 || i < 2 || random.nextBoolean()) {
        out.write(datagram[i]);
      }
    }
    return out.toByteArray();
  }

  private String randomText(int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append((char) (random.nextInt(8) == 0 ? random.nextInt(256) : ' ' + random.nextInt(95)));
    }
    return text.toString();
  }

  private byte[] bytes(int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] header(int opcode, int... shorts) {
    byte[] header = new byte[2 + 2 * shorts.length];
    header[0] = (byte) (opcode >>> 8);
    header[1] = (byte) opcode;
    for (int i = 0; i < shorts.length; i++) {
      header[2 + 2 * i] = (byte) (shorts[i] >>> 8);
      header[3 + 2 * i] = (byte) shorts[i];
    }
    return header;
  }

  private static byte[] text(String text) {
    return text.getBytes(ISO_8859_1);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
