package io.proxytftp.tftp.codec;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns datagrams into {@link TftpPacket}s and back.
 *
 * <p>Decoding is strict where a mistake would corrupt a transfer (lengths, opcodes, modes) and
 * lenient where real phones are known to deviate from the RFCs harmlessly: stray NUL bytes after
 * the mode or the last option, a trailing option name without a value, a last value or an error
 * message without its NUL, and padding after an ACK.
 */
public final class TftpCodec {
  /** Opcode and block number in front of every DATA payload. */
  public static final int DATA_HEADER_LENGTH = 4;

  /** The largest block size RFC 2348 allows. */
  public static final int MAX_BLOCK_SIZE = 65464;

  private static final int SHORT_LENGTH = 2;

  private TftpCodec() {}

  /**
   * Reads the packet between the datagram's position and limit, leaving the datagram's position
   * unchanged. Only a decoded {@link DataPacket} refers back to the datagram, through its payload.
   *
   * @throws MalformedPacketException if the bytes are not a packet of this protocol
   */
  public static TftpPacket decode(ByteBuffer datagram) throws MalformedPacketException {
    ByteBuffer in = datagram.slice().order(ByteOrder.BIG_ENDIAN);
    if (in.remaining() < SHORT_LENGTH) {
      throw malformed("a packet of " + in.remaining() + " byte(s) is too short for an opcode");
    }
    int code = nextUnsignedShort(in);
    Opcode opcode = Opcode.fromCode(code).orElseThrow(() -> malformed("unknown opcode " + code));
    return switch (opcode) {
      case RRQ -> decodeRequest(in, ReadRequest::new);
      case WRQ -> decodeRequest(in, WriteRequest::new);
      case DATA -> decodeData(in);
      case ACK -> new AckPacket(nextUnsignedShort(requireHeader(in, opcode)));
      case ERROR -> decodeError(in);
      case OACK -> decodeOptionAck(in);
    };
  }

  /**
   * The packet's bytes, flipped and ready to send. Filenames and error messages are sent as UTF-8,
   * option names and values as US-ASCII, where any other character becomes {@code '?'}.
   */
  public static ByteBuffer encode(TftpPacket packet) {
    return switch (packet.opcode()) {
      case RRQ -> {
        ReadRequest request = (ReadRequest) packet;
        yield encodeRequest(Opcode.RRQ, request.filename(), request.mode(), request.options());
      }
      case WRQ -> {
        WriteRequest request = (WriteRequest) packet;
        yield encodeRequest(Opcode.WRQ, request.filename(), request.mode(), request.options());
      }
      case DATA -> encodeData((DataPacket) packet);
      case ACK -> encodeAck((AckPacket) packet);
      case ERROR -> encodeError((ErrorPacket) packet);
      case OACK -> encodeStrings(Opcode.OACK, optionStrings(((OptionAckPacket) packet).options()));
    };
  }

  /** An encoded ERROR packet, for the many places that only need to refuse something. */
  public static ByteBuffer error(TftpError error, String message) {
    return encode(new ErrorPacket(error, message));
  }

  /**
   * Writes a DATA header (opcode and block number) at the target's position, so that the server can
   * then read the payload straight into the same buffer without copying.
   *
   * @param block 0..65535
   */
  public static void putDataHeader(ByteBuffer target, int block) {
    putHeader(target, Opcode.DATA, Fields.requireUnsignedShort(block, "block"));
  }

  /** The record constructors of RRQ and WRQ, which share one layout. */
  @FunctionalInterface
  private interface RequestFactory {
    TftpPacket create(String filename, TransferMode mode, Map<String, String> options);
  }

  private static TftpPacket decodeRequest(ByteBuffer in, RequestFactory factory)
      throws MalformedPacketException {
    if (indexOfNul(in) < 0) {
      throw malformed("filename is not NUL-terminated");
    }
    String filename = nextString(in, UTF_8);
    if (filename.isEmpty()) {
      throw malformed("empty filename");
    }
    if (indexOfNul(in) < 0) {
      throw malformed("transfer mode is not NUL-terminated");
    }
    String modeName = nextString(in, US_ASCII);
    TransferMode mode =
        TransferMode.parse(modeName)
            .orElseThrow(() -> malformed("unknown transfer mode '" + modeName + "'"));
    return factory.create(filename, mode, decodeOptions(in));
  }

  private static DataPacket decodeData(ByteBuffer in) throws MalformedPacketException {
    int block = nextUnsignedShort(requireHeader(in, Opcode.DATA));
    if (in.remaining() > MAX_BLOCK_SIZE) {
      throw malformed("DATA payload of " + in.remaining() + " bytes exceeds " + MAX_BLOCK_SIZE);
    }
    return new DataPacket(block, in);
  }

  private static ErrorPacket decodeError(ByteBuffer in) throws MalformedPacketException {
    int code = nextUnsignedShort(requireHeader(in, Opcode.ERROR));
    return new ErrorPacket(TftpError.of(code), code, nextString(in, UTF_8));
  }

  private static OptionAckPacket decodeOptionAck(ByteBuffer in) throws MalformedPacketException {
    Map<String, String> options = decodeOptions(in);
    if (options.isEmpty()) {
      throw malformed("OACK without options");
    }
    return new OptionAckPacket(options);
  }

  /** Name/value pairs up to the end, tolerating the quirks listed on the class. */
  private static Map<String, String> decodeOptions(ByteBuffer in) throws MalformedPacketException {
    Map<String, String> options = new LinkedHashMap<>();
    while (!onlyNulsRemain(in)) {
      if (in.get(in.position()) == 0) {
        throw malformed("empty option name");
      }
      String name = nextString(in, US_ASCII);
      if (!in.hasRemaining()) {
        break; // a name without a value at the very end is ignored
      }
      Fields.putOption(options, name, nextString(in, US_ASCII));
    }
    return options;
  }

  /** Checks that the block number or error code after the opcode is there. */
  private static ByteBuffer requireHeader(ByteBuffer in, Opcode opcode)
      throws MalformedPacketException {
    if (in.remaining() < SHORT_LENGTH) {
      throw malformed(
          opcode
              + " packet of "
              + (SHORT_LENGTH + in.remaining())
              + " bytes is shorter than "
              + DATA_HEADER_LENGTH);
    }
    return in;
  }

  private static int nextUnsignedShort(ByteBuffer in) {
    return Short.toUnsignedInt(in.getShort());
  }

  private static int indexOfNul(ByteBuffer in) {
    for (int i = in.position(); i < in.limit(); i++) {
      if (in.get(i) == 0) {
        return i;
      }
    }
    return -1;
  }

  private static boolean onlyNulsRemain(ByteBuffer in) {
    for (int i = in.position(); i < in.limit(); i++) {
      if (in.get(i) != 0) {
        return false;
      }
    }
    return true;
  }

  /** The string up to the next NUL, which is consumed, or up to the limit if there is none. */
  private static String nextString(ByteBuffer in, Charset charset) {
    int nul = indexOfNul(in);
    byte[] bytes = new byte[(nul < 0 ? in.limit() : nul) - in.position()];
    in.get(bytes);
    if (nul >= 0) {
      in.get();
    }
    return new String(bytes, charset);
  }

  private static MalformedPacketException malformed(String message) {
    return new MalformedPacketException(TftpError.ILLEGAL_OPERATION, message);
  }

  private static ByteBuffer encodeRequest(
      Opcode opcode, String filename, TransferMode mode, Map<String, String> options) {
    List<byte[]> strings = new ArrayList<>();
    strings.add(filename.getBytes(UTF_8));
    strings.add(mode.wireName().getBytes(US_ASCII));
    strings.addAll(optionStrings(options));
    return encodeStrings(opcode, strings);
  }

  private static List<byte[]> optionStrings(Map<String, String> options) {
    List<byte[]> strings = new ArrayList<>();
    options.forEach(
        (name, value) -> {
          strings.add(name.getBytes(US_ASCII));
          strings.add(value.getBytes(US_ASCII));
        });
    return strings;
  }

  private static ByteBuffer encodeStrings(Opcode opcode, List<byte[]> strings) {
    int length = SHORT_LENGTH + strings.stream().mapToInt(s -> s.length + 1).sum();
    ByteBuffer out = ByteBuffer.allocate(length);
    putUnsignedShort(out, opcode.code());
    strings.forEach(s -> out.put(s).put((byte) 0));
    return out.flip();
  }

  private static ByteBuffer encodeData(DataPacket packet) {
    ByteBuffer payload = packet.payload();
    ByteBuffer out = ByteBuffer.allocate(DATA_HEADER_LENGTH + payload.remaining());
    putDataHeader(out, packet.block());
    return out.put(payload).flip();
  }

  private static ByteBuffer encodeAck(AckPacket packet) {
    return putHeader(ByteBuffer.allocate(DATA_HEADER_LENGTH), Opcode.ACK, packet.block()).flip();
  }

  private static ByteBuffer encodeError(ErrorPacket packet) {
    byte[] message = packet.message().getBytes(UTF_8);
    ByteBuffer out = ByteBuffer.allocate(DATA_HEADER_LENGTH + message.length + 1);
    return putHeader(out, Opcode.ERROR, packet.code()).put(message).put((byte) 0).flip();
  }

  /** The four bytes DATA, ACK and ERROR start with: opcode, then block number or error code. */
  private static ByteBuffer putHeader(ByteBuffer target, Opcode opcode, int value) {
    putUnsignedShort(target, opcode.code());
    putUnsignedShort(target, value);
    return target;
  }

  /** Writes big-endian whatever the target's byte order, since callers supply the buffer. */
  private static void putUnsignedShort(ByteBuffer target, int value) {
    target.put((byte) (value >>> 8)).put((byte) value);
  }
}
