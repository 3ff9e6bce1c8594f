package io.proxytftp.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A lossy network between UDP peers for tests, where network namespaces and netem are not
 * available: it stands in front of a server on a loopback port of its own, and relays every
 * datagram between clients and the server like a NAT, losing, duplicating and reordering a share of
 * them as a seeded {@link Random} decides.
 *
 * <p>TFTP changes ports during a transfer, so the relay does what a NAT does: each client source
 * address gets a relay socket of its own towards the server (the server sees one port per client),
 * and each port the server answers a client from (its transfer id) gets a relay socket of its own
 * towards that client (the client sees one port per server transfer, distinct from the listener's).
 *
 * <p>Reordering holds a datagram back until the next one on the same lane (socket and destination) has passed it; when none
 * comes within {@link #HOLD_MILLIS} ms, as in lock-step, it is sent late and counted as delayed. The counts say
 * what was done, so that a test can show its network really misbehaved.
 */
public final class LossyUdpRelay implements AutoCloseable {
  /** How long a held-back datagram waits for a later one to overtake it. */
  static final long HOLD_MILLIS = 20;

  /**
   * Shares of datagrams lost, sent twice, and held back to be reordered; each 0..1, together at most 1.
   */
  public record Faults(double drop, double duplicate, double reorder) {
    public Faults {
      if (drop < 0 || duplicate < 0 || reorder < 0 || drop + duplicate + reorder > 1) {
        throw new IllegalArgumentException("shares " + drop + ", " + duplicate + ", " + reorder + " are not a distribution");
      }
    }
  }

  /**
   * What the relay did so far.
   *
   * @param reordered datagrams that arrived after a later one of the same lane
   * @param delayed datagrams held back that nothing overtook, sent {@link #HOLD_MILLIS} late
   */
  public record Counts(long received, long dropped, long duplicated, long reordered, long delayed) {
    @Override
    public String toString() {
      return received + " datagrams: " + dropped + " dropped, " + duplicated + " duplicated, " + reordered
          + " reordered, " + delayed + " delayed";
    }
  }

  private final InetSocketAddress server;
  private final Faults faults;
  private final long seed;
  private final Random random;
  private final DatagramSocket front;
  private final Map<InetSocketAddress, Mapping> mappings = new ConcurrentHashMap<>();
  private final List<DatagramSocket> sockets = new CopyOnWriteArrayList<>();
  /** The lanes datagrams travel, one socket towards one address each, for reordering. */
  private final Map<List<Object>, Lane> lanes = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "lossy-relay-timer");
    thread.setDaemon(true);
    return thread;
  });
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong duplicated = new AtomicLong();
  private final AtomicLong reordered = new AtomicLong();
  private final AtomicLong delayed = new AtomicLong();
  private volatile boolean sparingRequests;

  private LossyUdpRelay(InetSocketAddress server, Faults faults, long seed) throws IOException {
    this.server = server;
    this.faults = faults;
    this.seed = seed;
    this.random = new Random(seed);
    this.front = open();
    relay(front, from -> mapping(from).towardServer, from -> server);
  }

  /** Starts a relay to {@code server} on a free loopback port. */
  public static LossyUdpRelay start(InetSocketAddress server, Faults faults, long seed) throws IOException {
    return new LossyUdpRelay(server, faults, seed);
  }

  /** Where clients send what is meant for the server. */
  public InetSocketAddress address() {
    return (InetSocketAddress) front.getLocalSocketAddress();
  }

  /**
   * Lets every datagram to the server's listener (a request) through untouched, for clients that
   * never send a request again and wait for the server instead: Commons Net's {@code TFTPClient}
   * does, so for it a lost request is a lost download, whatever the server does.
   */
  public LossyUdpRelay sparingRequests() {
    sparingRequests = true;
    return this;
  }

  public Counts counts() {
    return new Counts(received.get(), dropped.get(), duplicated.get(), reordered.get(), delayed.get());
  }

  /** For failure messages: the seed and what happened, to replay a run. */
  @Override
  public String toString() {
    return "relay (seed " + seed + ", " + faults + "): " + counts();
  }

  /** One client's source address, and the relay sockets that carry its traffic. */
  private final class Mapping {
    final InetSocketAddress client;
    final DatagramSocket towardServer;
    final Map<InetSocketAddress, DatagramSocket> towardClient = new ConcurrentHashMap<>();

    Mapping(InetSocketAddress client) throws IOException {
      this.client = client;
      this.towardServer = open();
      relay(towardServer, this::towardClientFrom, from -> client);
    }

    /** The socket the client sees a server port as: the front for the listener, one of its own for a TID. */
    DatagramSocket towardClientFrom(InetSocketAddress serverPort) {
      if (serverPort.equals(server)) {
        return front;
      }
      return towardClient.computeIfAbsent(serverPort, port -> {
        try {
          DatagramSocket socket = open();
          // The client answering the TID; from another source port (a stranger) it goes out on that
          // source's own mapping, so the server sees it coming from elsewhere, as it would.
          relay(socket, from -> mapping(from).towardServer, from -> port);
          return socket;
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      });
    }
  }

  private Mapping mapping(InetSocketAddress client) {
    return mappings.computeIfAbsent(client, address -> {
      try {
        return new Mapping(address);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private DatagramSocket open() throws IOException {
    DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    socket.setReceiveBufferSize(1 << 20); // the relay itself loses only what it chooses to
    sockets.add(socket);
    return socket;
  }

  /** Reads {@code socket} until the relay closes, sending each datagram out of {@code out} to {@code to}. */
  private void relay(DatagramSocket socket, Function<InetSocketAddress, DatagramSocket> out,
      Function<InetSocketAddress, InetSocketAddress> to) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[65536];
      try {
        while (true) {
          DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
          socket.receive(datagram);
          InetSocketAddress from = (InetSocketAddress) datagram.getSocketAddress();
          byte[] bytes = Arrays.copyOf(datagram.getData(), datagram.getLength());
          forward(out.apply(from), to.apply(from), bytes);
        }
      } catch (SocketException closed) {
        // the relay is closing
      } catch (IOException | RuntimeException e) {
        if (!socket.isClosed()) {
          throw new IllegalStateException("the relay failed", e);
        }
      }
    }, "lossy-relay-" + socket.getLocalPort());
    thread.setDaemon(true);
    thread.start();
  }

  private void forward(DatagramSocket socket, InetSocketAddress to, byte[] bytes) throws IOException {
    received.incrementAndGet();
    double draw;
    synchronized (random) {
      draw = random.nextDouble();
    }
    Lane lane = lanes.computeIfAbsent(List.of(socket, to), key -> new Lane(socket, to));
    if (sparingRequests && to.equals(server)) {
      lane.pass(bytes, 1);
    } else if (draw < faults.drop()) {
      dropped.incrementAndGet();
    } else if (draw < faults.drop() + faults.duplicate()) {
      duplicated.incrementAndGet();
      lane.pass(bytes, 2);
    } else if (draw < faults.drop() + faults.duplicate() + faults.reorder()) {
      lane.hold(bytes);
    } else {
      lane.pass(bytes, 1);
    }
  }

  /** One socket towards one address: sends in order, except for the datagram it holds back. */
  private final class Lane {
    private final DatagramSocket socket;
    private final InetSocketAddress to;
    private byte[] held;

    Lane(DatagramSocket socket, InetSocketAddress to) {
      this.socket = socket;
      this.to = to;
    }

    synchronized void pass(byte[] bytes, int copies) throws IOException {
      for (int i = 0; i < copies; i++) {
        send(bytes);
      }
      if (held != null) {
        send(held);
        held = null;
        reordered.incrementAndGet();
      }
    }

    synchronized void hold(byte[] bytes) throws IOException {
      if (held != null) {
        pass(bytes, 1); // one held at a time: this one overtakes the one before
        return;
      }
      held = bytes;
      timer.schedule(() -> late(bytes), HOLD_MILLIS, TimeUnit.MILLISECONDS);
    }

    private synchronized void late(byte[] bytes) {
      if (held != bytes) {
        return;
      }
      held = null;
      delayed.incrementAndGet();
      try {
        send(bytes);
      } catch (IOException closed) {
        // the relay is closing
      }
    }

    private void send(byte[] bytes) throws IOException {
      socket.send(new DatagramPacket(bytes, bytes.length, to));
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    sockets.forEach(DatagramSocket::close);
  }
}
