package io.proxytftp.http;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A flood's raw TCP connections to a listener, each from a chosen local address: idle ones send
 * nothing, slow ones (slowloris) send a request head one byte per {@link #tick()} and never finish
 * it. Each tick also notices the connections the server closed and opens them again, so the flood
 * keeps its size. Not thread-safe: one thread ticks.
 */
final class HeldConnections implements AutoCloseable {
  private static final byte[] HEAD = "GET /big.bin HTTP/1.1\r\nHost: proxytftp\r\n".getBytes(US_ASCII);
  private static final byte[] MORE = "X-Drip: 1\r\n".getBytes(US_ASCII);

  private final InetSocketAddress server;
  private final List<Held> held = new ArrayList<>();
  private final List<Duration> lifetimes = new ArrayList<>();
  private int opened;

  HeldConnections(InetSocketAddress server) {
    this.server = server;
  }

  /** Adds a connection from {@code from}, opened at the next tick; {@code slow} ones drip a head. */
  void add(InetAddress from, boolean slow) {
    held.add(new Held(from, slow));
  }

  /** Opens what is closed, finishes connecting, drips a byte on each slow connection. */
  void tick() throws IOException {
    for (Held connection : held) {
      connection.tick();
    }
  }

  /** Connections opened so far. */
  int opened() {
    return opened;
  }

  /** How long each connection the server closed had been connected, in the order they closed. */
  List<Duration> lifetimes() {
    return List.copyOf(lifetimes);
  }

  @Override
  public void close() {
    held.forEach(Held::close);
  }

  private final class Held {
    private final InetAddress from;
    private final boolean slow;
    private final ByteBuffer sink = ByteBuffer.allocate(4096);
    private SocketChannel channel;
    private long connectedAt;
    private long sent;

    Held(InetAddress from, boolean slow) {
      this.from = from;
      this.slow = slow;
    }

    void tick() throws IOException {
      if (channel == null) {
        open();
      } else if (channel.isConnectionPending()) {
        finishConnecting();
      } else if (stillOpen() && slow) {
        drip();
      }
    }

    private void open() throws IOException {
      channel = SocketChannel.open();
      channel.configureBlocking(false);
      channel.bind(new InetSocketAddress(from, 0));
      opened++;
      try {
        if (channel.connect(server)) {
          connectedAt = System.nanoTime();
        }
      } catch (IOException refused) {
        close();
      }
    }

    private void finishConnecting() {
      try {
        if (channel.finishConnect()) {
          connectedAt = System.nanoTime();
        }
      } catch (IOException refused) {
        close();
      }
    }

    /** Reads what the server sent; an end of stream or a reset means the server closed it. */
    private boolean stillOpen() {
      try {
        sink.clear();
        if (channel.read(sink) >= 0) {
          return true;
        }
      } catch (IOException reset) {
        // the server closed it with a reset
      }
      lifetimes.add(Duration.ofNanos(System.nanoTime() - connectedAt));
      close();
      return false;
    }

    private void drip() throws IOException {
      byte next = sent < HEAD.length ? HEAD[(int) sent] : MORE[(int) ((sent - HEAD.length) % MORE.length)];
      try {
        sent += channel.write(ByteBuffer.wrap(new byte[] {next}));
      } catch (IOException reset) {
        lifetimes.add(Duration.ofNanos(System.nanoTime() - connectedAt));
        close();
      }
    }

    void close() {
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException ignored) {
          // closing a socket of the flood
        }
      }
      channel = null;
      sent = 0;
    }
  }
}
