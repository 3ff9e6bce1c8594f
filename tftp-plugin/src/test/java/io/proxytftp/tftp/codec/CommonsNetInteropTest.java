package io.proxytftp.tftp.codec;

import static io.proxytftp.tftp.codec.Datagrams.bytes;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.commons.net.io.FromNetASCIIInputStream;
import org.apache.commons.net.tftp.TFTP;
import org.apache.commons.net.tftp.TFTPAckPacket;
import org.apache.commons.net.tftp.TFTPDataPacket;
import org.apache.commons.net.tftp.TFTPErrorPacket;
import org.apache.commons.net.tftp.TFTPPacket;
import org.apache.commons.net.tftp.TFTPPacketException;
import org.apache.commons.net.tftp.TFTPReadRequestPacket;
import org.junit.jupiter.api.Test;

/** Checks our bytes against an independent TFTP implementation, Apache Commons Net. */
class CommonsNetInteropTest {
  private static final InetAddress PHONE = InetAddress.getLoopbackAddress();
  private static final int PORT = 69;

  private static ByteBuffer wrap(DatagramPacket datagram) {
    return ByteBuffer.wrap(datagram.getData(), datagram.getOffset(), datagram.getLength());
  }

  private static TFTPPacket parseWithCommonsNet(ByteBuffer encoded) throws TFTPPacketException {
    byte[] bytes = bytes(encoded);
    return TFTPPacket.newTFTPPacket(new DatagramPacket(bytes, bytes.length, PHONE, PORT));
  }

  @Test
  void rrqProducedByCommonsNetIsDecoded() throws MalformedPacketException {
    TFTPReadRequestPacket rrq =
        new TFTPReadRequestPacket(PHONE, PORT, "SEP001122334455.cnf.xml", TFTP.OCTET_MODE);
    assertEquals(
        new ReadRequest("SEP001122334455.cnf.xml", TransferMode.OCTET, Map.of()),
        TftpCodec.decode(wrap(rrq.newDatagram())));
  }

  @Test
  void netasciiRrqProducedByCommonsNetIsDecoded() throws MalformedPacketException {
    TFTPReadRequestPacket rrq =
        new TFTPReadRequestPacket(PHONE, PORT, "dialplan.xml", TFTP.NETASCII_MODE);
    ReadRequest request =
        assertInstanceOf(ReadRequest.class, TftpCodec.decode(wrap(rrq.newDatagram())));
    assertEquals(TransferMode.NETASCII, request.mode());
  }

  @Test
  void ackWeEncodeIsParsedByCommonsNet() throws TFTPPacketException {
    TFTPAckPacket ack =
        assertInstanceOf(
            TFTPAckPacket.class, parseWithCommonsNet(TftpCodec.encode(new AckPacket(65535))));
    assertEquals(65535, ack.getBlockNumber());
  }

  @Test
  void dataWeEncodeIsParsedByCommonsNet() throws TFTPPacketException {
    byte[] payload = "firmware".getBytes(US_ASCII);
    TFTPDataPacket data =
        assertInstanceOf(
            TFTPDataPacket.class,
            parseWithCommonsNet(TftpCodec.encode(new DataPacket(4711, ByteBuffer.wrap(payload)))));
    assertEquals(4711, data.getBlockNumber());
    byte[] received = new byte[data.getDataLength()];
    System.arraycopy(data.getData(), data.getDataOffset(), received, 0, received.length);
    assertArrayEquals(payload, received);
  }

  @Test
  void errorWeEncodeIsParsedByCommonsNet() throws TFTPPacketException {
    TFTPErrorPacket error =
        assertInstanceOf(
            TFTPErrorPacket.class,
            parseWithCommonsNet(TftpCodec.error(TftpError.FILE_NOT_FOUND, "no such file")));
    assertEquals(TFTPErrorPacket.FILE_NOT_FOUND, error.getError());
    assertEquals("no such file", error.getMessage());
  }

  @Test
  void errorProducedByCommonsNetIsDecoded() throws MalformedPacketException {
    TFTPErrorPacket error =
        new TFTPErrorPacket(PHONE, PORT, TFTPErrorPacket.INVALID_OPTIONS_VALUE, "bad blksize");
    assertEquals(
        new ErrorPacket(TftpError.OPTION_REFUSED, "bad blksize"),
        TftpCodec.decode(wrap(error.newDatagram())));
  }

  /**
   * Commons Net turns CR LF back into the platform's line end but leaves CR NUL as it is (it does
   * not implement that half of RFC 764), so the comparison uses text without bare CRs: the typical
   * Unix configuration file.
   */
  @Test
  void netasciiWeProduceDecodesBackWithCommonsNet() throws IOException {
    assumeTrue(System.lineSeparator().equals("\n"), "Commons Net decodes to the platform line end");
    byte[] file =
        "<device>\n  <loadInformation>sip88xx.14-1</loadInformation>\n\n</device>\n"
            .repeat(50)
            .getBytes(ISO_8859_1);
    byte[] onTheWire = NetasciiEncoderTest.concat(NetasciiEncoderTest.blocks(file, 512, 100));
    try (InputStream decoded = new FromNetASCIIInputStream(new ByteArrayInputStream(onTheWire))) {
      assertArrayEquals(file, decoded.readAllBytes());
    }
  }
}
