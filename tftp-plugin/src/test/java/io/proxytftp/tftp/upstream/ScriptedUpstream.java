package io.proxytftp.tftp.upstream;

import io.proxytftp.tftp.codec.AckPacket;
import io.proxytftp.tftp.codec.DataPacket;
import io.proxytftp.tftp.codec.MalformedPacketException;
import io.proxytftp.tftp.codec.ReadRequest;
import io.proxytftp.tftp.codec.TftpCodec;
import io.proxytftp.tftp.codec.TftpPacket;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A TFTP server played step by step by a test, to misbehave on cue: requests arrive on one socket,
 * and it answers from a second one, its TID, as a real server does.
 */
final class ScriptedUpstream implements AutoCloseable {
  private static final int RECEIVE_TIMEOUT_MILLIS = 5_000;

  private final DatagramSocket listener = open();
  private final DatagramSocket transfer = open();
  private InetSocketAddress client;

  static DatagramSocket open() {
    try {
      DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      socket.setSoTimeout(RECEIVE_TIMEOUT_MILLIS);
      return socket;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  InetSocketAddress address() {
    return (InetSocketAddress) listener.getLocalSocketAddress();
  }

  /** The next request on the listener port; the TID socket answers its sender from now on. */
  ReadRequest awaitRequest() throws IOException {
    DatagramPacket datagram = receiveOn(listener);
    client = (InetSocketAddress) datagram.getSocketAddress();
    return (ReadRequest) decode(datagram);
  }

  /** Where the last request came from. */
  InetSocketAddress client() {
    return client;
  }

  void send(TftpPacket packet) throws IOException {
    sendFrom(transfer, packet);
  }

  void sendFrom(DatagramSocket socket, TftpPacket packet) throws IOException {
    ByteBuffer bytes = TftpCodec.encode(packet);
    socket.send(new DatagramPacket(bytes.array(), bytes.arrayOffset(), bytes.remaining(), client));
  }

  /** The next packet to the TID. */
  TftpPacket receive() throws IOException {
    return receiveFrom(transfer);
  }

  static TftpPacket receiveFrom(DatagramSocket socket) throws IOException {
    return decode(receiveOn(socket));
  }

  /**
   * Sends {@code content} as DATA blocks of {@code blockSize}, {@code windowSize} at a time, after
   * the client has acknowledged the OACK; restarts after whatever block an ACK names.
   */
  void serve(byte[] content, int blockSize, int windowSize) throws IOException {
    long lastBlock = content.length / blockSize + 1;
    long acknowledged = 0;
    while (acknowledged < lastBlock) {
      long end = Math.min(acknowledged + windowSize, lastBlock);
      for (long block = acknowledged + 1; block <= end; block++) {
        int from = (int) ((block - 1) * blockSize);
        int length = Math.min(blockSize, content.length - from);
        send(new DataPacket((int) (block & 0xFFFF), ByteBuffer.wrap(content, from, length)));
      }
      try {
        AckPacket ack = (AckPacket) receive();
        acknowledged += (ack.block() - (int) (acknowledged & 0xFFFF)) & 0xFFFF;
      } catch (SocketTimeoutException e) {
        // send the window again
      }
    }
  }

  private static DatagramPacket receiveOn(DatagramSocket socket) throws IOException {
    DatagramPacket datagram = new DatagramPacket(new byte[70_000], 70_000);
    socket.receive(datagram);
    return datagram;
  }

  private static TftpPacket decode(DatagramPacket datagram) throws IOException {
    byte[] bytes = Arrays.copyOfRange(datagram.getData(), datagram.getOffset(), datagram.getOffset() + datagram.getLength());
    try {
      return TftpCodec.decode(ByteBuffer.wrap(bytes));
    } catch (MalformedPacketException e) {
      throw new IOException(e);
    }
  }

  @Override
  public void close() {
    listener.close();
    transfer.close();
  }
}
