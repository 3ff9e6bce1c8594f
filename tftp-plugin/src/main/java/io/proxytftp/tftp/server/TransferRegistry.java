package io.proxytftp.tftp.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Every request from admission to its end: enforces the overall and per-address limits, drops a
 * retransmitted RRQ whose first copy is still being served, maps a transfer's own port to the
 * transfer, and lets a stopping server wait until the last one has ended.
 */
final class TransferRegistry {
  private final int maxTransfers;
  private final int maxPerClient;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition idle = lock.newCondition();
  private final Set<InetSocketAddress> clients = new HashSet<>();
  private final Map<InetAddress, Integer> perAddress = new HashMap<>();
  private final Map<Integer, ReadTransfer> byPort = new ConcurrentHashMap<>();
  private boolean draining;

  TransferRegistry(int maxTransfers, int maxPerClient) {
    this.maxTransfers = maxTransfers;
    this.maxPerClient = maxPerClient;
  }

  Admission admit(InetSocketAddress client) {
    lock.lock();
    try {
      if (clients.contains(client)) {
        return Admission.DUPLICATE;
      }
      if (draining) {
        return Admission.SHUTTING_DOWN;
      }
      if (clients.size() >= maxTransfers) {
        return Admission.SERVER_BUSY;
      }
      int fromAddress = perAddress.getOrDefault(client.getAddress(), 0);
      if (fromAddress >= maxPerClient) {
        return Admission.CLIENT_BUSY;
      }
      clients.add(client);
      perAddress.put(client.getAddress(), fromAddress + 1);
      return Admission.ADMITTED;
    } finally {
      lock.unlock();
    }
  }

  /** Ends an admitted request, with or without a transfer. Releasing twice is harmless. */
  void release(InetSocketAddress client) {
    lock.lock();
    try {
      if (clients.remove(client)) {
        perAddress.computeIfPresent(client.getAddress(), (address, count) -> count == 1 ? null : count - 1);
        if (clients.isEmpty()) {
          idle.signalAll();
        }
      }
    } finally {
      lock.unlock();
    }
  }

  void register(int port, ReadTransfer transfer) {
    byPort.put(port, transfer);
  }

  void unregister(int port, ReadTransfer transfer) {
    byPort.remove(port, transfer);
  }

  ReadTransfer transferOn(int port) {
    return byPort.get(port);
  }

  int active() {
    lock.lock();
    try {
      return clients.size();
    } finally {
      lock.unlock();
    }
  }

  /** Refuses every new request from now on. */
  void drain() {
    lock.lock();
    try {
      draining = true;
    } finally {
      lock.unlock();
    }
  }

  /** Waits until no request is left, or {@code timeout} has passed; true when none is left. */
  boolean awaitIdle(Duration timeout) throws InterruptedException {
    long nanos = timeout.toNanos();
    lock.lock();
    try {
      while (!clients.isEmpty()) {
        if (nanos <= 0) {
          return false;
        }
        nanos = idle.awaitNanos(nanos);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  List<ReadTransfer> transfers() {
    return List.copyOf(byPort.values());
  }

  /** Whether the server is stopping; admitted work still in flight checks before starting a transfer. */
  boolean draining() {
    lock.lock();
    try {
      return draining;
    } finally {
      lock.unlock();
    }
  }
}
