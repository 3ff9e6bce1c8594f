package io.proxytftp.tftp.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
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
    TransferPortPool pool = new TransferPortPool(acceptor, loopback, TransferPortPool.BATCH + 3, Duration.ZERO, System::nanoTime);
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
   * A transfer's slot is free as soon as it ends, its port only once the I/O thread has closed its
   * session: under load a quarter of the limit may be closing while as many transfers as the limit
   * run, and each of those still gets a port.
   */
  @Test
  void aPoolForTransfersHasRoomForThePortsOfEndedTransfersStillClosing() throws Exception {
    acceptor.setHandler(new IoHandlerAdapter());
    int transfers = 400;
    TransferPortPool pool = new TransferPortPool(acceptor, loopback, TransferPortPool.forTransfers(transfers),
        Duration.ZERO, System::nanoTime);
    pool.start();
    Set<InetSocketAddress> leased = new HashSet<>();
    for (int i = 0; i < transfers + transfers / 4; i++) {
      assertTrue(leased.add(pool.lease()));
    }
  }

  /**
   * A fetch takes its first reply from any port of its server's address, so a late answer to the
   * port's last fetch must not reach the next one: a port given back rests before it is leased.
   */
  @Test
  void portGivenBackRestsBeforeItIsLeasedAgain() throws Exception {
    acceptor.setHandler(new IoHandlerAdapter());
    AtomicLong now = new AtomicLong();
    Duration rest = Duration.ofSeconds(10);
    TransferPortPool pool = new TransferPortPool(acceptor, loopback, 2 * TransferPortPool.BATCH, rest, now::get);
    pool.start();
    InetSocketAddress resting = pool.lease();
    pool.release(resting);
    now.addAndGet(rest.toNanos() - 1);
    Set<InetSocketAddress> leased = new HashSet<>();
    for (int i = 0; i < TransferPortPool.BATCH; i++) {
      leased.add(pool.lease());
    }
    assertFalse(leased.contains(resting), "leased again before its rest was over");
    assertEquals(2 * TransferPortPool.BATCH, acceptor.getLocalAddresses().size(), "grew instead");

    now.addAndGet(1);
    for (int i = 0; i < TransferPortPool.BATCH; i++) {
      leased.add(pool.lease());
    }
    assertTrue(leased.contains(resting), "still resting after its rest");
    assertEquals(2 * TransferPortPool.BATCH, leased.size());
  }

  /** A flood of requests binds ports in a few growing batches, not one slow bind per 64 ports. */
  @Test
  void poolGrowsByDoubling() throws Exception {
    acceptor.setHandler(new IoHandlerAdapter());
    TransferPortPool pool = new TransferPortPool(acceptor, loopback, 5 * TransferPortPool.BATCH, Duration.ZERO,
        System::nanoTime);
    pool.start();
    List<Integer> sizes = new ArrayList<>();
    for (int i = 0; i < 5 * TransferPortPool.BATCH; i++) {
      pool.lease();
      int bound = acceptor.getLocalAddresses().size();
      if (sizes.isEmpty() || sizes.get(sizes.size() - 1) != bound) {
        sizes.add(bound);
      }
    }
    int batch = TransferPortPool.BATCH;
    assertEquals(List.of(batch, 2 * batch, 4 * batch, 5 * batch), sizes);
  }

  @Test
  void atCapacityThePortThatRestedLongestIsLeased() throws Exception {
    acceptor.setHandler(new IoHandlerAdapter());
    AtomicLong now = new AtomicLong();
    TransferPortPool pool = new TransferPortPool(acceptor, loopback, TransferPortPool.BATCH, Duration.ofSeconds(10),
        now::get);
    pool.start();
    List<InetSocketAddress> leased = new ArrayList<>();
    for (int i = 0; i < TransferPortPool.BATCH; i++) {
      leased.add(pool.lease());
    }
    pool.release(leased.get(5));
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    pool.release(leased.get(2));
    assertEquals(leased.get(5), pool.lease());
    assertEquals(leased.get(2), pool.lease());
    assertThrows(IOException.class, pool::lease);
  }

  /**
   * Transfers hand their port back when their session closes, on the acceptor's I/O thread, while
   * another thread may be binding a new batch, which that I/O thread must complete: the release
   * must never wait for the bind (it once did, and the first fan-out to 100 clusters hung).
   */
  @Test
  void releasesOnTheIoThreadDuringGrowthNeverDeadlock() throws Exception {
    Queue<InetSocketAddress> toRelease = new ConcurrentLinkedQueue<>();
    TransferPortPool pool = new TransferPortPool(acceptor, loopback, 8 * TransferPortPool.BATCH, Duration.ZERO, System::nanoTime);
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
