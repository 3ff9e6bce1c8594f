package io.proxytftp.tftp.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executor;
import org.apache.mina.transport.socket.nio.NioDatagramAcceptor;

/**
 * Gives each transfer its own port (its TID) on the server's one acceptor, so every transfer
 * shares the acceptor's single I/O thread and yet answers from a port of its own.
 *
 * <p>Binding port 0 lets the kernel choose a free, unpredictable port. MINA does not return the
 * address a bind produced, so binds are serialised and the new address is the one that was not
 * bound before. Unbinding waits for the I/O thread, so it is handed to a worker: a transfer may end
 * on the I/O thread itself.
 */
final class TransferPorts {
  private final NioDatagramAcceptor acceptor;
  private final InetAddress address;
  private final Executor workers;
  private final Object bindLock = new Object();

  TransferPorts(NioDatagramAcceptor acceptor, InetAddress address, Executor workers) {
    this.acceptor = acceptor;
    this.address = address;
    this.workers = workers;
  }

  /** Binds a new port; must not be called on the acceptor's I/O thread. */
  InetSocketAddress open() throws IOException {
    synchronized (bindLock) {
      Set<SocketAddress> before = new HashSet<>(acceptor.getLocalAddresses());
      acceptor.bind(new InetSocketAddress(address, 0));
      Set<SocketAddress> after = new HashSet<>(acceptor.getLocalAddresses());
      after.removeAll(before);
      if (after.size() != 1) {
        throw new IOException("could not tell which port was bound: " + after);
      }
      return (InetSocketAddress) after.iterator().next();
    }
  }

  /** Releases a port opened by {@link #open()}; safe on any thread. */
  void close(InetSocketAddress port) {
    workers.execute(() -> {
      if (!acceptor.isDisposing()) {
        acceptor.unbind(port); // after a shutdown's unbind of everything this is a no-op
      }
    });
  }
}
