package io.proxytftp.tftp.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import org.apache.mina.transport.socket.nio.NioDatagramAcceptor;

/**
 * Ports for transfers: each transfer leases a port of its own (its TID) for as long as it runs, on
 * one acceptor, so all transfers share the acceptor's I/O thread. The server and the upstream
 * fetcher each have their own acceptor and pool.
 *
 * <p>MINA's datagram acceptor is slow to bind (it polls for the bind to complete), far too slow to
 * bind a port per transfer during a boot storm. So ports are bound in batches, kernel-chosen and
 * unpredictable, kept for reuse, and leased at random among the free ones. The pool grows on
 * demand up to the transfer limit, so a lease never fails while admission control holds.
 *
 * <p>A port given back may rest before it is leased again. An upstream fetch accepts its first
 * reply from any port of the server's address (a TFTP server answers from a new port of its own),
 * so a late answer meant for the port's last fetch (to an RRQ sent twice, or after the fetch was
 * cancelled) would pass for the next fetch's answer: another file's bytes, or a "not found" for a
 * file the cluster has. Resting ports stay bound, and a stray packet there is refused with "unknown
 * transfer ID", which stops the transfer that sent it. Only when the pool is full and nothing is
 * free is the port that has rested longest leased early.
 *
 * <p>A transfer frees its slot of {@code limits.max-transfers} when it ends, but its port only once
 * its session has closed on the I/O thread, which under load runs behind: a pool for {@code n}
 * transfers has {@link #forTransfers room} for ports still closing.
 */
public final class TransferPortPool {
  /** Ports bound at start, and at least as many as are bound already when the pool runs dry. */
  static final int BATCH = 64;

  /**
   * The capacity of a pool serving {@code transfers} transfers at once: a quarter more (at least
   * a batch) for the ports of transfers that have ended and are still closing. The pool binds only
   * what it uses, so the room costs nothing until a burst of endings needs it.
   */
  public static int forTransfers(int transfers) {
    return transfers + Math.max(BATCH, transfers / 4);
  }

  private final NioDatagramAcceptor acceptor;
  private final InetAddress address;
  private final int capacity;
  private final long restNanos;
  private final LongSupplier nanoTime;
  /** Guards the free and the resting ports; held only for moments, never while binding. */
  private final List<InetSocketAddress> free = new ArrayList<>();
  /** Ports given back, oldest first, with when. */
  private final Deque<Resting> resting = new ArrayDeque<>();
  /** Serialises binds, which MINA's acceptor completes on its I/O thread. */
  private final Object growing = new Object();
  private int bound;

  private record Resting(InetSocketAddress port, long since) {}

  /**
   * @param capacity the most ports the pool ever binds
   * @param rest how long a port given back rests before it is leased again; zero for none
   * @param nanoTime the clock rests are measured by, {@link System#nanoTime} but in tests
   */
  public TransferPortPool(NioDatagramAcceptor acceptor, InetAddress address, int capacity, Duration rest,
      LongSupplier nanoTime) {
    if (capacity < 1 || rest.isNegative()) {
      throw new IllegalArgumentException("a pool needs a positive capacity and a rest of zero or more");
    }
    this.acceptor = Objects.requireNonNull(acceptor, "acceptor");
    this.address = Objects.requireNonNull(address, "address");
    this.capacity = capacity;
    this.restNanos = rest.toNanos();
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
  }

  /** Binds the first batch; must not be called on the acceptor's I/O thread (nor may lease). */
  public void start() throws IOException {
    synchronized (growing) {
      InetSocketAddress first = grow();
      synchronized (free) {
        free.add(first);
      }
    }
  }

  /**
   * A free port, binding a batch first when none is free (or, at capacity, the port that has
   * rested longest); never on the acceptor's I/O thread.
   */
  public InetSocketAddress lease() throws IOException {
    InetSocketAddress port = take();
    if (port != null) {
      return port;
    }
    synchronized (growing) {
      port = take();
      if (port != null) {
        return port;
      }
      if (bound < capacity) {
        return grow();
      }
      synchronized (free) {
        Resting longest = resting.pollFirst();
        if (longest == null) {
          throw new IOException("all " + capacity + " transfer ports are in use");
        }
        return longest.port();
      }
    }
  }

  /**
   * Returns a port to the pool. Called on the acceptor's I/O thread when a transfer's session
   * closes, so it never waits for a bind, which needs that very thread to complete.
   */
  public void release(InetSocketAddress port) {
    synchronized (free) {
      if (restNanos == 0) {
        free.add(port);
      } else {
        resting.addLast(new Resting(port, nanoTime.getAsLong()));
      }
    }
  }

  private InetSocketAddress take() {
    synchronized (free) {
      long now = nanoTime.getAsLong();
      while (!resting.isEmpty() && now - resting.peekFirst().since() >= restNanos) {
        free.add(resting.pollFirst().port());
      }
      if (free.isEmpty()) {
        return null;
      }
      int index = ThreadLocalRandom.current().nextInt(free.size());
      Collections.swap(free, index, free.size() - 1);
      return free.remove(free.size() - 1);
    }
  }

  /** Binds a batch, holding {@link #growing} but not {@link #free}, and leases one of it. */
  private InetSocketAddress grow() throws IOException {
    int count = Math.min(Math.max(BATCH, bound), capacity - bound); // doubling: few slow binds in a flood
    List<InetSocketAddress> added = bind(acceptor, address, count);
    bound += count;
    InetSocketAddress leased = added.remove(added.size() - 1);
    synchronized (free) {
      free.addAll(added);
    }
    return leased;
  }

  /**
   * Binds {@code count} kernel-chosen ports on {@code address} in one go and returns them. MINA
   * does not say which ports a bind produced: they are the ones not bound before, so binds on one
   * acceptor must not run concurrently (the pool and the server's start are serialised).
   */
  public static List<InetSocketAddress> bind(NioDatagramAcceptor acceptor, InetAddress address, int count) throws IOException {
    Set<SocketAddress> before = new HashSet<>(acceptor.getLocalAddresses());
    acceptor.bind(Collections.nCopies(count, new InetSocketAddress(address, 0)));
    List<InetSocketAddress> added = new ArrayList<>(count);
    for (SocketAddress local : acceptor.getLocalAddresses()) {
      if (!before.contains(local)) {
        added.add((InetSocketAddress) local);
      }
    }
    return added;
  }
}
