package io.proxytftp.tftp.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.transport.socket.nio.NioDatagramAcceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TransferPortPoolTest {
  final ExecutorService ioThread = Executors.newSingleThreadExecutor();
  final NioDatagramAcceptor acceptor = DatagramAcceptors.create(ioThread, 600, 1 << 16);
  final InetAddress loopback = InetAddress.getLoopbackAddress();

  @AfterEach
  void stop() {
    acceptor.dispose(false);
    ioThread.shutdownNow();
  }

  @Test
  void leasesDistinctPortsUpToCapacityThenRefuses() throws Exception {
    acceptor.setHandler(new IoHandlerAdapter());
    TransferPortPool pool = new TransferPortPool(acceptor, loopback, TransferPortPool.BATCH + 3);
    pool.start();
    Set<InetSocketAddress> leased = new HashSet<>();
    for (int i = 0; i < TransferPortPool.BATCH + 3; i++) {
      assertTrue(leased.add(pool.lease()));
    }
    assertEquals(TransferPortPool.BATCH + 3, acceptor.getLocalAddresses().size());
    IOException full = assertThrows(IOException.class, pool::lease);
    assertEquals("all " + (TransferPortPool.BATCH + 3) + " transfer ports are in use", full.getMessage());
    InetSocketAddress back = leased.iterator().next();
    pool.release(back);
    assertEquals(back, pool.lease());
  }

  /**
   * Transfers hand their port back when their session closes, on the acceptor's I/O thread, while
   * another thread may be binding a new batch, which that I/O thread must complete: the release
   * must never wait for the bind (it once did, and the first fan-out to 100 clusters hung).
   */
  @Test
  void releasesOnTheIoThreadDuringGrowthNeverDeadlock() throws Exception {
    Queue<InetSocketAddress> toRelease = new ConcurrentLinkedQueue<>();
    TransferPortPool pool = new TransferPortPool(acceptor, loopback, 8 * TransferPortPool.BATCH);
    acceptor.setHandler(new IoHandlerAdapter() {
      @Override
      public void messageReceived(IoSession session, Object message) {
        InetSocketAddress port = toRelease.poll();
        if (port != null) {
          pool.release(port);
        }
      }
    });
    pool.start();
    InetSocketAddress target = (InetSocketAddress) acceptor.getLocalAddresses().iterator().next();
    AtomicBoolean flooding = new AtomicBoolean(true);
    Thread flooder = new Thread(() -> {
      try (DatagramSocket socket = new DatagramSocket(0, loopback)) {
        byte[] bytes = {0, 4, 0, 1};
        while (flooding.get()) {
          socket.send(new DatagramPacket(bytes, bytes.length, target));
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    flooder.start();
    try {
      assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
        // Keep every other port: the pool runs dry again and again and grows while the I/O
        // thread is handing ports back.
        for (int i = 0; i < 7 * TransferPortPool.BATCH; i++) {
          InetSocketAddress port = pool.lease();
          if (i % 2 == 0) {
            toRelease.add(port);
          }
        }
      });
    } finally {
      flooding.set(false);
      flooder.join();
    }
    assertTrue(acceptor.getLocalAddresses().size() > 2 * TransferPortPool.BATCH);
  }
}
