package io.proxytftp.tftp.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
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
  private final List<InetSocketAddress> free = new ArrayList<>();
  private int bound;

  /**
   * @param capacity the most ports the pool ever binds
   */
  public TransferPortPool(NioDatagramAcceptor acceptor, InetAddress address, int capacity) {
    this.acceptor = acceptor;
    this.address = address;
    this.capacity = capacity;
  }

  /** Binds the first batch; must not be called on the acceptor's I/O thread (nor may lease). */
  public synchronized void start() throws IOException {
    grow();
  }

  /** A free port, binding a batch first when none is free; never on the acceptor's I/O thread. */
  public synchronized InetSocketAddress lease() throws IOException {
    if (free.isEmpty()) {
      grow();
    }
    int index = ThreadLocalRandom.current().nextInt(free.size());
    InetSocketAddress port = free.get(index);
    Collections.swap(free, index, free.size() - 1);
    free.remove(free.size() - 1);
    return port;
  }

  public synchronized void release(InetSocketAddress port) {
    free.add(port);
  }

  private void grow() throws IOException {
    int count = Math.min(BATCH, capacity - bound);
    if (count <= 0) {
      throw new IOException("all " + capacity + " transfer ports are in use");
    }
    free.addAll(bind(acceptor, address, count));
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
