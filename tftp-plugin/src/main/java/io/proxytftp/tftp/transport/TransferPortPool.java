package io.proxytftp.tftp.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
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
 */
public final class TransferPortPool {
  /** Ports bound at once when the pool runs dry (and at start). */
  static final int BATCH = 64;

  private final NioDatagramAcceptor acceptor;
  private final InetAddress address;
  private final int capacity;
  /** Guarded by this pool's monitor, which is never held during a bind. */
  private final List<InetSocketAddress> free = new ArrayList<>();
  /**
   * Serialises binds. A bind waits for the acceptor's I/O thread, and that thread releases ports
   * (under the pool's monitor): were the monitor held across a bind, the two would wait for each
   * other for good, which froze the server when the pool grew during an RRQ flood.
   */
  private final Object binding = new Object();
  private int bound; // guarded by binding

  /**
   * @param capacity the most ports the pool ever binds
   */
  public TransferPortPool(NioDatagramAcceptor acceptor, InetAddress address, int capacity) {
    this.acceptor = acceptor;
    this.address = address;
    this.capacity = capacity;
  }

  /** Binds the first batch; must not be called on the acceptor's I/O thread (nor may lease). */
  public void start() throws IOException {
    synchronized (binding) {
      grow();
    }
  }

  /** A free port, binding a batch first when none is free; never on the acceptor's I/O thread. */
  public InetSocketAddress lease() throws IOException {
    while (true) {
      Optional<InetSocketAddress> port = take();
      if (port.isPresent()) {
        return port.get();
      }
      synchronized (binding) {
        if (freeCount() == 0) {
          grow();
        }
      }
    }
  }

  /** Gives a port back; may run on the I/O thread, and never waits for a bind. */
  public synchronized void release(InetSocketAddress port) {
    free.add(port);
  }

  private synchronized Optional<InetSocketAddress> take() {
    if (free.isEmpty()) {
      return Optional.empty();
    }
    int index = ThreadLocalRandom.current().nextInt(free.size());
    Collections.swap(free, index, free.size() - 1);
    return Optional.of(free.remove(free.size() - 1));
  }

  private synchronized int freeCount() {
    return free.size();
  }

  private synchronized void add(List<InetSocketAddress> ports) {
    free.addAll(ports);
  }

  /** Holding {@link #binding}, not the pool's monitor. */
  private void grow() throws IOException {
    int count = Math.min(BATCH, capacity - bound);
    if (count <= 0) {
      throw new IOException("all " + capacity + " transfer ports are in use");
    }
    add(bind(acceptor, address, count));
    bound += count;
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
