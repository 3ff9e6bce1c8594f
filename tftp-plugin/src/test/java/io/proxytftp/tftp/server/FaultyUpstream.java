package io.proxytftp.tftp.server;

import io.proxytftp.tftp.codec.AckPacket;
import io.proxytftp.tftp.codec.DataPacket;
import io.proxytftp.tftp.codec.ErrorPacket;
import io.proxytftp.tftp.codec.MalformedPacketException;
import io.proxytftp.tftp.codec.OptionAckPacket;
import io.proxytftp.tftp.codec.ReadRequest;
import io.proxytftp.tftp.codec.TftpCodec;
import io.proxytftp.tftp.codec.TftpError;
import io.proxytftp.tftp.codec.TftpPacket;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A remote cluster's TFTP server that serves its files with the fault a test chooses, on every
 * request until the test changes it: for end-to-end tests of what the gateway makes of broken
 * upstreams. It grants blksize (at most 1428) and tsize, never windowsize, so it runs lock-step,
 * and answers each request from a transfer port of its own.
 */
final class FaultyUpstream implements AutoCloseable {
  /** What goes wrong; the midway faults strike at the middle block of the file. */
  enum Fault {
    /** Serves the file as it is. */
    NONE,
    /** Never answers. */
    SILENT,
    /** One block about every second, until the gateway gives up. */
    DRIP,
    /** Falls silent midway. */
    STOPS_MIDWAY,
    /** Ends midway with a short block, while tsize announced the whole file. */
    ENDS_SHORT,
    /** Numbers the blocks one too high from midway. */
    WRONG_BLOCK_NUMBERS,
    /** Sends a block larger than the blksize granted midway. */
    OVERSIZED_DATA,
    /**
     * Announces about half the file's size as tsize, a whole number of blocks (so the file seems to
     * end exactly at a block's end), then sends the whole file.
     */
    TSIZE_TOO_SMALL,
    /** Sends ERROR 0 midway. */
    ERROR_MIDWAY,
    /** Sends the blocks from midway from another port than the transfer's. */
    WRONG_PORT
  }

  private static final int MAX_BLOCK_SIZE = 1428;
  private static final Duration RESEND = Duration.ofMillis(200);
  private static final int MAX_SENDS = 6;

  private final DatagramSocket listener = open();
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final ExecutorService transfers = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "faulty-upstream");
    thread.setDaemon(true);
    return thread;
  });
  private final AtomicInteger requests = new AtomicInteger();
  private final Duration firstReplyDelay;
  private volatile Fault fault;

  /**
   * @param firstReplyDelay how long each request waits before its first answer, so that a faster
   *     upstream wins the gateway's race
   */
  FaultyUpstream(Fault fault, Duration firstReplyDelay) {
    this.fault = fault;
    this.firstReplyDelay = firstReplyDelay;
    transfers.execute(this::listen);
  }

  InetSocketAddress address() {
    return (InetSocketAddress) listener.getLocalSocketAddress();
  }

  FaultyUpstream serving(String name, byte[] content) {
    files.put(name, content);
    return this;
  }

  /** From the next request on. */
  void fault(Fault fault) {
    this.fault = fault;
  }

  /** How many read requests arrived, retransmissions included. */
  int requests() {
    return requests.get();
  }

  private static DatagramSocket open() {
    try {
      return new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void listen() {
    byte[] buffer = new byte[2048];
    try {
      while (true) {
        DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
        listener.receive(datagram);
        TftpPacket packet = decode(datagram);
        if (packet instanceof ReadRequest request) {
          requests.incrementAndGet();
          SocketAddress client = datagram.getSocketAddress();
          Fault now = fault;
          transfers.execute(() -> answer(request, client, now));
        }
      }
    } catch (IOException closed) {
      // the test is over
    }
  }

  private void answer(ReadRequest request, SocketAddress client, Fault fault) {
    if (fault == Fault.SILENT) {
      return;
    }
    byte[] content = files.get(request.filename());
    try (DatagramSocket transfer = open(); DatagramSocket stranger = open()) {
      pause(transfer, firstReplyDelay);
      if (content == null) {
        send(transfer, client, new ErrorPacket(TftpError.FILE_NOT_FOUND, "no such file"));
        return;
      }
      int blockSize = 512;
      if (!request.options().isEmpty()) {
        blockSize = Math.min(MAX_BLOCK_SIZE, Integer.parseInt(request.options().getOrDefault("blksize", "512")));
        long size = fault == Fault.TSIZE_TOO_SMALL ? content.length / 2 / blockSize * blockSize : content.length;
        OptionAckPacket oack = new OptionAckPacket(Map.of("blksize", Integer.toString(blockSize), "tsize", Long.toString(size)));
        if (!exchange(transfer, transfer, client, oack, 0)) {
          return;
        }
      }
      serve(content, blockSize, transfer, stranger, client, fault);
    } catch (IOException closed) {
      // the test is over
    }
  }

  /** Sends the blocks lock-step, with the fault from the middle block on. */
  private void serve(byte[] content, int blockSize, DatagramSocket transfer, DatagramSocket stranger,
      SocketAddress client, Fault fault) throws IOException {
    int blocks = content.length / blockSize + 1;
    for (int block = 1; block <= blocks; block++) {
      int from = (block - 1) * blockSize;
      ByteBuffer payload = ByteBuffer.wrap(content, from, Math.min(blockSize, content.length - from));
      DatagramSocket out = transfer;
      int number = block;
      if (fault == Fault.DRIP) {
        pause(transfer, Duration.ofSeconds(1));
      }
      if (block >= blocks / 2 + 1) {
        switch (fault) {
          case STOPS_MIDWAY -> {
            return;
          }
          case ENDS_SHORT -> {
            send(transfer, client, new DataPacket(block & 0xFFFF, ByteBuffer.wrap(content, from, blockSize / 2)));
            return;
          }
          case ERROR_MIDWAY -> {
            send(transfer, client, new ErrorPacket(TftpError.NOT_DEFINED, "read error"));
            return;
          }
          case WRONG_BLOCK_NUMBERS -> number = block + 1;
          case OVERSIZED_DATA -> payload = ByteBuffer.wrap(new byte[blockSize + 100]);
          case WRONG_PORT -> out = stranger;
          default -> {
            // the file as it is
          }
        }
      }
      if (!exchange(out, transfer, client, new DataPacket(number & 0xFFFF, payload), number)) {
        return;
      }
    }
  }

  /**
   * Sends {@code packet} from {@code out} until {@code in} receives its ACK, at most {@link
   * #MAX_SENDS} times; false when it never came or the client sent an ERROR.
   */
  private static boolean exchange(DatagramSocket out, DatagramSocket in, SocketAddress client, TftpPacket packet,
      int block) throws IOException {
    for (int sent = 0; sent < MAX_SENDS; sent++) {
      send(out, client, packet);
      long until = System.nanoTime() + RESEND.toNanos();
      for (long left = RESEND.toMillis(); left > 0; left = (until - System.nanoTime()) / 1_000_000) {
        in.setSoTimeout((int) left);
        DatagramPacket datagram = new DatagramPacket(new byte[2048], 2048);
        try {
          in.receive(datagram);
        } catch (SocketTimeoutException silent) {
          break;
        }
        TftpPacket reply = decode(datagram);
        if (reply instanceof AckPacket ack && ack.block() == (block & 0xFFFF)) {
          return true;
        }
        if (reply instanceof ErrorPacket) {
          return false;
        }
      }
    }
    return false;
  }

  /** Holds the transfer for {@code duration}, throwing away what arrives meanwhile: a slow server. */
  private static void pause(DatagramSocket transfer, Duration duration) throws IOException {
    long until = System.nanoTime() + duration.toNanos();
    for (long left = duration.toMillis(); left > 0; left = (until - System.nanoTime()) / 1_000_000) {
      transfer.setSoTimeout((int) left);
      try {
        transfer.receive(new DatagramPacket(new byte[2048], 2048));
      } catch (SocketTimeoutException over) {
        return;
      }
    }
  }

  private static void send(DatagramSocket socket, SocketAddress client, TftpPacket packet) throws IOException {
    ByteBuffer bytes = TftpCodec.encode(packet);
    socket.send(new DatagramPacket(bytes.array(), bytes.arrayOffset(), bytes.remaining(), client));
  }

  private static TftpPacket decode(DatagramPacket datagram) throws IOException {
    try {
      return TftpCodec.decode(ByteBuffer.wrap(Arrays.copyOf(datagram.getData(), datagram.getLength())));
    } catch (MalformedPacketException e) {
      throw new IOException(e);
    }
  }

  @Override
  public void close() {
    listener.close();
    transfers.shutdownNow();
  }
}
