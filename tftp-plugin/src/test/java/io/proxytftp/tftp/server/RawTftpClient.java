package io.proxytftp.tftp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.proxytftp.tftp.codec.AckPacket;
import io.proxytftp.tftp.codec.DataPacket;
import io.proxytftp.tftp.codec.ErrorPacket;
import io.proxytftp.tftp.codec.MalformedPacketException;
import io.proxytftp.tftp.codec.ReadRequest;
import io.proxytftp.tftp.codec.TftpCodec;
import io.proxytftp.tftp.codec.TftpError;
import io.proxytftp.tftp.codec.TftpPacket;
import io.proxytftp.tftp.codec.TransferMode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A packet-level TFTP client for tests: sends exactly the datagrams a test writes and shows every
 * datagram the server sends back, with the port it came from.
 */
final class RawTftpClient implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(5);

  private final DatagramSocket socket;
  private final InetSocketAddress server;
  private InetSocketAddress peer;
  private int lastAcknowledged;

  RawTftpClient(InetSocketAddress server) throws IOException {
    this(server, server.getAddress());
  }

  /** A client on another local address, such as 127.0.0.2, to look like a second phone. */
  RawTftpClient(InetSocketAddress server, java.net.InetAddress localAddress) throws IOException {
    this.server = server;
    this.socket = new DatagramSocket(new InetSocketAddress(localAddress, 0));
    this.socket.setReceiveBufferSize(1 << 20); // room for a window of large blocks
  }

  /** Downloads {@code name} from {@code server} in lock-step with 512-byte blocks, as a plain RRQ asks. */
  static byte[] download(InetSocketAddress server, String name) throws IOException {
    try (RawTftpClient client = new RawTftpClient(server)) {
      client.readRequest(name);
      return client.downloadRest(512);
    }
  }

  /** A packet the server sent, and the port it was sent from (the server's TID). */
  record Received(TftpPacket packet, InetSocketAddress from) {}

  InetSocketAddress localAddress() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  void sendToListener(ByteBuffer datagram) throws IOException {
    send(datagram, server);
  }

  void readRequest(String name, TransferMode mode, Map<String, String> options) throws IOException {
    sendToListener(TftpCodec.encode(new ReadRequest(name, mode, options)));
  }

  void readRequest(String name) throws IOException {
    readRequest(name, TransferMode.OCTET, Map.of());
  }

  void send(ByteBuffer datagram, InetSocketAddress to) throws IOException {
    byte[] bytes = new byte[datagram.remaining()];
    datagram.get(bytes);
    socket.send(new DatagramPacket(bytes, bytes.length, to));
  }

  /** Acknowledges a block to the transfer's port (learned from the first packet received). */
  void ack(int block) throws IOException {
    send(TftpCodec.encode(new AckPacket(block)), peer);
    lastAcknowledged = block;
  }

  /** The next packet, within {@code wait}; empty when none came. */
  Optional<Received> poll(Duration wait) throws IOException {
    byte[] buffer = new byte[65536];
    DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
    socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
    try {
      socket.receive(datagram);
    } catch (SocketTimeoutException e) {
      return Optional.empty();
    }
    InetSocketAddress from = (InetSocketAddress) datagram.getSocketAddress();
    if (peer == null) {
      peer = from;
    }
    try {
      return Optional.of(new Received(TftpCodec.decode(ByteBuffer.wrap(buffer, 0, datagram.getLength())), from));
    } catch (MalformedPacketException e) {
      throw new AssertionError("server sent a malformed packet", e);
    }
  }

  Received receive() throws IOException {
    return poll(WAIT).orElseThrow(() -> new AssertionError("no packet from the server within " + WAIT));
  }

  <T extends TftpPacket> T receive(Class<T> type) throws IOException {
    return assertInstanceOf(type, receive().packet());
  }

  ErrorPacket expectError(TftpError error) throws IOException {
    ErrorPacket packet = receive(ErrorPacket.class);
    assertEquals(error, packet.error(), () -> "message: " + packet.message());
    return packet;
  }

  void expectSilence(Duration wait) throws IOException {
    poll(wait).ifPresent(received -> fail("expected no packet, got " + received.packet()));
  }

  InetSocketAddress peer() {
    return peer;
  }

  /**
   * The DATA packet of {@code block}, skipping copies of earlier blocks that the server sent again
   * because an ACK was slower than its timeout (as any real client would).
   */
  DataPacket receiveData(int block) throws IOException {
    while (true) {
      DataPacket data = receive(DataPacket.class);
      if (data.block() == block) {
        return data;
      }
      assertTrue(((block - data.block()) & 0xFFFF) < 0x8000, () -> "block " + data.block() + " arrived before " + block);
    }
  }

  /** Downloads in lock-step after the last ACK sent (or the request): ACKs every block, returns the bytes. */
  byte[] downloadRest(int blockSize) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      DataPacket data = receiveData((lastAcknowledged + 1) & 0xFFFF);
      byte[] payload = new byte[data.payload().remaining()];
      data.payload().get(payload);
      out.write(payload);
      ack(data.block());
      if (payload.length < blockSize) {
        return out.toByteArray();
      }
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}
