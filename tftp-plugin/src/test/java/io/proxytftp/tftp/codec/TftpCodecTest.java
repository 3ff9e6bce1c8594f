package io.proxytftp.tftp.codec;

import static io.proxytftp.tftp.codec.Datagrams.bytes;
import static io.proxytftp.tftp.codec.Datagrams.datagram;
import static io.proxytftp.tftp.codec.Datagrams.text;
import static io.proxytftp.tftp.codec.TftpCodec.decode;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ReadOnlyBufferException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TftpCodecTest {

  private static ByteBuffer payload(int length) {
    ByteBuffer payload = ByteBuffer.allocate(length);
    for (int i = 0; i < length; i++) {
      payload.put((byte) (i * 31));
    }
    return payload.flip();
  }

  private static Map<String, String> orderedOptions(String... namesAndValues) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      options.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return options;
  }

  static Stream<TftpPacket> everyKindOfPacket() {
    return Stream.of(
        new ReadRequest("SEPAABBCCDDEEFF.cnf.xml", TransferMode.OCTET, Map.of()),
        new ReadRequest(
            "firmware/sip88xx.loads",
            TransferMode.OCTET,
            orderedOptions("blksize", "1428", "tsize", "0", "timeout", "3", "windowsize", "8")),
        new ReadRequest("dir/ünïcode.txt", TransferMode.NETASCII, Map.of()),
        new WriteRequest("log/phone.log", TransferMode.OCTET, Map.of("tsize", "1234")),
        new WriteRequest("mail.txt", TransferMode.MAIL, Map.of()),
        new DataPacket(1, payload(512)),
        new DataPacket(0, payload(0)),
        new DataPacket(65535, payload(TftpCodec.MAX_BLOCK_SIZE)),
        new AckPacket(0),
        new AckPacket(65535),
        new ErrorPacket(TftpError.FILE_NOT_FOUND, "no such file"),
        new ErrorPacket(TftpError.OPTION_REFUSED, ""),
        new ErrorPacket(TftpError.NOT_DEFINED, 42, "vendor code kept raw"),
        new ErrorPacket(TftpError.NOT_DEFINED, 65535, "größte Nummer"),
        new OptionAckPacket(orderedOptions("blksize", "1024", "tsize", "77")));
  }

  @ParameterizedTest
  @MethodSource("everyKindOfPacket")
  void everyPacketSurvivesARoundTrip(TftpPacket packet) throws MalformedPacketException {
    assertEquals(packet, decode(TftpCodec.encode(packet)));
  }

  @Test
  void rrqIsEncodedInTheRfcLayout() {
    ByteBuffer encoded =
        TftpCodec.encode(
            new ReadRequest("a.cfg", TransferMode.OCTET, orderedOptions("blksize", "1024")));
    assertEquals(text(datagram(1, "a.cfg\0octet\0blksize\0001024\0")), text(encoded));
  }

  @Test
  void wrqIsEncodedWithOpcodeTwo() {
    ByteBuffer encoded = TftpCodec.encode(new WriteRequest("x", TransferMode.NETASCII, Map.of()));
    assertEquals(text(datagram(2, "x\0netascii\0")), text(encoded));
  }

  @Test
  void dataIsEncodedWithABigEndianBlockNumber() {
    ByteBuffer encoded =
        TftpCodec.encode(new DataPacket(0x1234, ByteBuffer.wrap(new byte[] {'a', 'b'})));
    assertEquals(text(datagram(3, "\u0012\u0034ab")), text(encoded));
  }

  @Test
  void ackIsEncodedAsFourBytes() {
    assertEquals(text(datagram(4, "\u00ff\u00fe")), text(TftpCodec.encode(new AckPacket(0xFFFE))));
  }

  @Test
  void errorMessageIsEncodedAsNulTerminatedUtf8() {
    ByteBuffer encoded = TftpCodec.encode(new ErrorPacket(TftpError.ACCESS_VIOLATION, "é"));
    byte[] expected = {0, 5, 0, 2, (byte) 0xC3, (byte) 0xA9, 0};
    assertArrayEquals(expected, bytes(encoded));
  }

  @Test
  void oackIsEncodedInInsertionOrder() {
    ByteBuffer encoded =
        TftpCodec.encode(new OptionAckPacket(orderedOptions("tsize", "9", "blksize", "8")));
    assertEquals(text(datagram(6, "tsize\0009\0blksize\0008\0")), text(encoded));
  }

  @Test
  void errorConvenienceEncodesTheStandardCode() throws MalformedPacketException {
    ByteBuffer encoded = TftpCodec.error(TftpError.FILE_NOT_FOUND, "missing");
    assertEquals(new ErrorPacket(TftpError.FILE_NOT_FOUND, 1, "missing"), decode(encoded));
  }

  @Test
  void encodedBuffersAreFlippedAndReadyToSend() {
    ByteBuffer encoded = TftpCodec.encode(new AckPacket(7));
    assertEquals(0, encoded.position());
    assertEquals(4, encoded.limit());
  }

  @Test
  void encodingTheSameDataPacketTwiceGivesTheSameBytes() {
    DataPacket packet = new DataPacket(9, payload(100));
    assertEquals(TftpCodec.encode(packet), TftpCodec.encode(packet));
  }

  @Test
  void putDataHeaderWritesAtThePositionBigEndianWhateverTheBufferOrder() {
    ByteBuffer target = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
    target.position(3);
    TftpCodec.putDataHeader(target, 0x0102);
    assertEquals(7, target.position());
    assertEquals("\0\0\0\0\u0003\u0001\u0002", text(target.flip()));
  }

  @Test
  void putDataHeaderFollowedByPayloadDecodesAsData() throws MalformedPacketException {
    ByteBuffer target = ByteBuffer.allocate(TftpCodec.DATA_HEADER_LENGTH + 3);
    TftpCodec.putDataHeader(target, 65535);
    target.put(new byte[] {1, 2, 3}).flip();
    assertEquals(new DataPacket(65535, ByteBuffer.wrap(new byte[] {1, 2, 3})), decode(target));
  }

  @Test
  void decodeReadsFromPositionToLimitAndLeavesThePositionAlone() throws MalformedPacketException {
    ByteBuffer datagram = ByteBuffer.wrap("junk\0\0\u0004\0\u0007more".getBytes(UTF_8));
    datagram.position(5).limit(9);
    assertEquals(new AckPacket(7), decode(datagram));
    assertEquals(5, datagram.position());
    assertEquals(9, datagram.limit());
  }

  @Test
  void decodedDataPayloadIsAReadOnlyViewOfTheDatagram() throws MalformedPacketException {
    ByteBuffer datagram = datagram(3, "\0\u0001abc");
    DataPacket data = assertInstanceOf(DataPacket.class, decode(datagram));
    ByteBuffer payload = data.payload();
    assertTrue(payload.isReadOnly());
    assertThrows(ReadOnlyBufferException.class, () -> payload.put((byte) 'x'));
    datagram.put(4, (byte) 'z');
    assertEquals("zbc", text(data.payload()));
  }

  @Test
  void readingThePayloadDoesNotConsumeIt() {
    DataPacket data = new DataPacket(1, payload(10));
    data.payload().get(new byte[10]);
    assertEquals(10, data.payload().remaining());
  }

  @Test
  void blockNumbersAreUnsigned() throws MalformedPacketException {
    assertEquals(new AckPacket(65535), decode(datagram(4, "\u00ff\u00ff")));
    assertEquals(new AckPacket(32768), decode(datagram(4, "\u0080\0")));
    assertEquals(65535, ((DataPacket) decode(datagram(3, "\u00ff\u00ff"))).block());
  }

  @Test
  void maxPayloadIsAccepted() throws MalformedPacketException {
    ByteBuffer datagram =
        ByteBuffer.allocate(TftpCodec.DATA_HEADER_LENGTH + TftpCodec.MAX_BLOCK_SIZE);
    datagram.put(1, (byte) 3);
    DataPacket data = assertInstanceOf(DataPacket.class, decode(datagram));
    assertEquals(TftpCodec.MAX_BLOCK_SIZE, data.payload().remaining());
  }

  @Test
  void rrqIsDecoded() throws MalformedPacketException {
    assertEquals(
        new ReadRequest("SEP001122334455.cnf.xml", TransferMode.OCTET, Map.of()),
        decode(datagram(1, "SEP001122334455.cnf.xml\0octet\0")));
  }

  @Test
  void wrqIsDecoded() throws MalformedPacketException {
    assertEquals(
        new WriteRequest("up.log", TransferMode.NETASCII, Map.of("tsize", "10")),
        decode(datagram(2, "up.log\0netascii\0tsize\00010\0")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\0", "\0\0", "\0\0\0\0"})
  void rrqWithStrayNulAfterModeIsAccepted(String strayNuls) throws MalformedPacketException {
    assertEquals(
        new ReadRequest("f", TransferMode.OCTET, Map.of()),
        decode(datagram(1, "f\0octet\0" + strayNuls)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\0", "\0\0\0"})
  void rrqWithStrayNulsAfterLastOptionIsAccepted(String strayNuls) throws MalformedPacketException {
    assertEquals(
        new ReadRequest("f", TransferMode.OCTET, Map.of("blksize", "1024")),
        decode(datagram(1, "f\0octet\0blksize\0001024\0" + strayNuls)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"tsize\0", "tsize"})
  void optionNameWithoutValueAtTheEndIsIgnored(String dangling) throws MalformedPacketException {
    assertEquals(
        new ReadRequest("f", TransferMode.OCTET, Map.of("blksize", "1024")),
        decode(datagram(1, "f\0octet\0blksize\0001024\0" + dangling)));
  }

  @Test
  void finalOptionValueWithoutNulIsAccepted() throws MalformedPacketException {
    assertEquals(
        new ReadRequest("f", TransferMode.OCTET, orderedOptions("blksize", "1024", "tsize", "0")),
        decode(datagram(1, "f\0octet\0blksize\0001024\0tsize\0000")));
  }

  @Test
  void emptyOptionValueIsKeptForTheNegotiatorToJudge() throws MalformedPacketException {
    assertEquals(
        new ReadRequest("f", TransferMode.OCTET, Map.of("blksize", "")),
        decode(datagram(1, "f\0octet\0blksize\0\0")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"OCTET", "Octet", "NetAscii", "MAIL"})
  void modeIsCaseInsensitive(String mode) throws MalformedPacketException {
    ReadRequest request = (ReadRequest) decode(datagram(1, "f\0" + mode + "\0"));
    assertEquals(TransferMode.parse(mode.toLowerCase()).orElseThrow(), request.mode());
  }

  @Test
  void optionNamesAreLowerCasedAndValuesKeptAsSent() throws MalformedPacketException {
    ReadRequest request =
        (ReadRequest) decode(datagram(1, "f\0octet\0BlkSize\0001024\0TIMEOUT\0Five\0"));
    assertEquals(List.of("blksize", "timeout"), List.copyOf(request.options().keySet()));
    assertEquals(List.of("1024", "Five"), List.copyOf(request.options().values()));
  }

  @Test
  void repeatedOptionKeepsItsFirstValueAndPosition() throws MalformedPacketException {
    ReadRequest request =
        (ReadRequest)
            decode(datagram(1, "f\0octet\0blksize\0001024\0tsize\0000\0BLKSIZE\000512\0"));
    assertEquals(orderedOptions("blksize", "1024", "tsize", "0"), request.options());
    assertEquals(List.of("blksize", "tsize"), List.copyOf(request.options().keySet()));
  }

  @Test
  void recordsNormaliseOptionsTheSameWay() {
    OptionAckPacket oack =
        new OptionAckPacket(orderedOptions("TSize", "1", "tsize", "2", "BLKSIZE", "8"));
    assertEquals(List.of("tsize", "blksize"), List.copyOf(oack.options().keySet()));
    assertEquals("1", oack.options().get("tsize"));
  }

  @Test
  void decodedOptionsAreUnmodifiable() throws MalformedPacketException {
    ReadRequest request = (ReadRequest) decode(datagram(1, "f\0octet\0tsize\0000\0"));
    assertThrows(UnsupportedOperationException.class, () -> request.options().put("a", "b"));
  }

  @Test
  void filenameIsDecodedAsUtf8() throws MalformedPacketException {
    ByteBuffer datagram = ByteBuffer.wrap("\0\u0001Grüße/日本.cfg\0octet\0".getBytes(UTF_8));
    assertEquals("Grüße/日本.cfg", ((ReadRequest) decode(datagram)).filename());
  }

  @Test
  void filenameWithMalformedUtf8GetsReplacementCharacters() throws MalformedPacketException {
    ReadRequest request = (ReadRequest) decode(datagram(1, "a\u00ffb\0octet\0"));
    assertEquals("a\uFFFDb", request.filename());
  }

  @Test
  void ackWithPaddingIsAccepted() throws MalformedPacketException {
    assertEquals(new AckPacket(3), decode(datagram(4, "\0\u0003\0\0\0\0")));
  }

  @Test
  void errorMessageWithoutNulIsAccepted() throws MalformedPacketException {
    assertEquals(new ErrorPacket(TftpError.DISK_FULL, "full"), decode(datagram(5, "\0\u0003full")));
  }

  @Test
  void errorMessageEndsAtTheFirstNul() throws MalformedPacketException {
    assertEquals(
        new ErrorPacket(TftpError.DISK_FULL, "full"), decode(datagram(5, "\0\u0003full\0junk\0")));
  }

  @Test
  void errorWithoutMessageIsAccepted() throws MalformedPacketException {
    assertEquals(new ErrorPacket(TftpError.NOT_DEFINED, ""), decode(datagram(5, "\0\0")));
  }

  @Test
  void errorWithUnknownCodeKeepsTheRawCode() throws MalformedPacketException {
    ErrorPacket error = (ErrorPacket) decode(datagram(5, "\u0001\u0000odd\0"));
    assertEquals(TftpError.NOT_DEFINED, error.error());
    assertEquals(256, error.code());
  }

  @Test
  void oackIsDecodedWithQuirksLikeRequestOptions() throws MalformedPacketException {
    assertEquals(
        new OptionAckPacket(orderedOptions("blksize", "1428", "tsize", "4096")),
        decode(datagram(6, "BLKSIZE\0001428\0tsize\0004096\0\0")));
  }

  static Stream<Arguments> malformedDatagrams() {
    return Stream.of(
        Arguments.of("empty datagram", ByteBuffer.allocate(0), "too short for an opcode"),
        Arguments.of("one byte", ByteBuffer.wrap(new byte[] {0}), "too short for an opcode"),
        Arguments.of("opcode 0", datagram(0, "\0\0"), "unknown opcode 0"),
        Arguments.of("opcode 7", datagram(7, "\0\0"), "unknown opcode 7"),
        Arguments.of("opcode 65535", datagram(0xFFFF, ""), "unknown opcode 65535"),
        Arguments.of("RRQ with nothing", datagram(1, ""), "filename is not NUL-terminated"),
        Arguments.of(
            "RRQ filename without NUL", datagram(1, "file"), "filename is not NUL-terminated"),
        Arguments.of("RRQ empty filename", datagram(1, "\0octet\0"), "empty filename"),
        Arguments.of("RRQ without mode", datagram(1, "f\0"), "transfer mode is not NUL-terminated"),
        Arguments.of(
            "RRQ mode without NUL", datagram(1, "f\0octet"), "transfer mode is not NUL-terminated"),
        Arguments.of(
            "RRQ unknown mode", datagram(1, "f\0binary\0"), "unknown transfer mode 'binary'"),
        Arguments.of("WRQ empty mode", datagram(2, "f\0\0"), "unknown transfer mode ''"),
        Arguments.of(
            "RRQ empty option name", datagram(1, "f\0octet\0\0tsize\0000\0"), "empty option name"),
        Arguments.of(
            "DATA of 2 bytes", datagram(3, ""), "DATA packet of 2 bytes is shorter than 4"),
        Arguments.of(
            "DATA of 3 bytes", datagram(3, "\0"), "DATA packet of 3 bytes is shorter than 4"),
        Arguments.of(
            "DATA payload too large",
            ByteBuffer.allocate(TftpCodec.DATA_HEADER_LENGTH + TftpCodec.MAX_BLOCK_SIZE + 1)
                .put(1, (byte) 3),
            "DATA payload of 65465 bytes exceeds 65464"),
        Arguments.of(
            "ACK of 3 bytes", datagram(4, "\0"), "ACK packet of 3 bytes is shorter than 4"),
        Arguments.of(
            "ERROR of 3 bytes", datagram(5, "\0"), "ERROR packet of 3 bytes is shorter than 4"),
        Arguments.of("empty OACK", datagram(6, ""), "OACK without options"),
        Arguments.of("OACK of NULs", datagram(6, "\0\0"), "OACK without options"),
        Arguments.of("OACK name without value", datagram(6, "blksize\0"), "OACK without options"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedDatagrams")
  void malformedDatagramIsAnIllegalOperation(
      String description, ByteBuffer datagram, String message) {
    MalformedPacketException e =
        assertThrows(MalformedPacketException.class, () -> decode(datagram));
    assertEquals(TftpError.ILLEGAL_OPERATION, e.error());
    assertTrue(e.getMessage().contains(message), () -> "message was: " + e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 65536, Integer.MAX_VALUE, Integer.MIN_VALUE})
  void blockOutsideSixteenBitsIsRejected(int block) {
    assertThrows(IllegalArgumentException.class, () -> new AckPacket(block));
    assertThrows(IllegalArgumentException.class, () -> new DataPacket(block, payload(1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> TftpCodec.putDataHeader(ByteBuffer.allocate(4), block));
  }

  @Test
  void payloadAboveMaxBlockSizeIsRejected() {
    ByteBuffer tooLarge = payload(TftpCodec.MAX_BLOCK_SIZE + 1);
    assertThrows(IllegalArgumentException.class, () -> new DataPacket(1, tooLarge));
  }

  @Test
  void packetsThatCouldNotBeDecodedAgainAreRejected() {
    Map<String, String> none = Map.of();
    assertThrows(
        IllegalArgumentException.class, () -> new ReadRequest("", TransferMode.OCTET, none));
    assertThrows(
        IllegalArgumentException.class, () -> new WriteRequest("a\0b", TransferMode.OCTET, none));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ReadRequest("f", TransferMode.OCTET, Map.of("", "1")));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ReadRequest("f", TransferMode.OCTET, Map.of("tsize", "0\0")));
    assertThrows(IllegalArgumentException.class, () -> new OptionAckPacket(none));
    assertThrows(IllegalArgumentException.class, () -> new ErrorPacket(TftpError.DISK_FULL, "a\0"));
  }

  @Test
  void errorCodeMustMatchItsMeaning() {
    assertThrows(
        IllegalArgumentException.class, () -> new ErrorPacket(TftpError.DISK_FULL, 1, "x"));
    assertThrows(
        IllegalArgumentException.class, () -> new ErrorPacket(TftpError.NOT_DEFINED, 65536, "x"));
  }
}
