package io.proxytftp.tftp.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Every request from admission to its end: enforces the overall and per-address limits, drops a
 * retransmitted RRQ whose first copy is still being served, maps a transfer's own port to the
 * transfer, and lets a stopping server wait until the last one has ended.
 *
 * <p>A request past the overall limit may {@link #queue wait} for a slot, first come first
 * served: a client that asks for its next file as soon as one ends has its new request on the
 * listener's thread before the transfer thread, which under load runs behind, has read the last
 * ACK that frees its slot. Without the wait such bursts would be refused "server busy" although
 * the transfers in flight never exceed the limit.
 *
 * <p>Concurrency: every field but {@code byPort} is guarded by {@code lock}; the continuations of
 * waiting requests run outside it.
 */
final class TransferRegistry {
  private final int maxTransfers;
  private final int maxPerClient;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition idle = lock.newCondition();
  private final Set<InetSocketAddress> clients = new HashSet<>();
  private final Map<InetAddress, Integer> perAddress = new HashMap<>();
  /** Requests waiting for a slot, oldest first, each told how it went. */
  private final Map<InetSocketAddress, Consumer<Admission>> waiting = new LinkedHashMap<>();
  /** Whether a thread is handing out slots; another that frees one meanwhile leaves it to that thread. */
  private boolean admitting;
  private boolean freedMeanwhile;
  private final Map<Integer, ReadTransfer> byPort = new ConcurrentHashMap<>();
  private boolean draining;

  TransferRegistry(int maxTransfers, int maxPerClient) {
    this.maxTransfers = maxTransfers;
    this.maxPerClient = maxPerClient;
  }

  Admission admit(InetSocketAddress client) {
    lock.lock();
    try {
      if (clients.contains(client) || waiting.containsKey(client)) {
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

  /**
   * Lets a request refused {@link Admission#SERVER_BUSY} wait for a slot: {@code decided} is told
   * {@link Admission#ADMITTED} when it has one (on the thread that freed it), or why not. False,
   * and nothing queued, when as many requests wait as there are slots.
   */
  boolean queue(InetSocketAddress client, Consumer<Admission> decided) {
    lock.lock();
    try {
      if (draining || waiting.size() >= maxTransfers || waiting.containsKey(client)) {
        return false;
      }
      waiting.put(client, decided);
    } finally {
      lock.unlock();
    }
    admitWaiting(); // a slot may have freed since the request was refused
    return true;
  }

  /** Takes a waiting request out of the queue; true when it was still waiting (not admitted meanwhile). */
  boolean unqueue(InetSocketAddress client) {
    lock.lock();
    try {
      return waiting.remove(client) != null;
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
    admitWaiting();
  }

  /**
   * Gives the slots free now to the requests that waited longest, and tells each outside the lock.
   * A continuation that frees its slot again (no worker to take it) does not recurse: the thread
   * already handing out slots goes round once more.
   */
  private void admitWaiting() {
    lock.lock();
    try {
      if (admitting) {
        freedMeanwhile = true;
        return;
      }
      admitting = true;
    } finally {
      lock.unlock();
    }
    while (true) {
      takeWaiting().forEach(entry -> entry.getKey().accept(entry.getValue()));
      lock.lock();
      try {
        if (!freedMeanwhile) {
          admitting = false;
          return;
        }
        freedMeanwhile = false;
      } finally {
        lock.unlock();
      }
    }
  }

  /** The waiting requests that get a slot now (or are refused for their address), oldest first. */
  private List<Map.Entry<Consumer<Admission>, Admission>> takeWaiting() {
    List<Map.Entry<Consumer<Admission>, Admission>> decided = new ArrayList<>();
    lock.lock();
    try {
      for (var next = waiting.entrySet().iterator(); next.hasNext() && clients.size() < maxTransfers;) {
        Map.Entry<InetSocketAddress, Consumer<Admission>> request = next.next();
        next.remove();
        InetSocketAddress client = request.getKey();
        int fromAddress = perAddress.getOrDefault(client.getAddress(), 0);
        if (fromAddress >= maxPerClient) {
          decided.add(Map.entry(request.getValue(), Admission.CLIENT_BUSY));
          continue;
        }
        clients.add(client);
        perAddress.put(client.getAddress(), fromAddress + 1);
        decided.add(Map.entry(request.getValue(), Admission.ADMITTED));
      }
    } finally {
      lock.unlock();
    }
    return decided;
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

  /** Refuses every new request from now on, and every one still waiting. */
  void drain() {
    List<Consumer<Admission>> refused;
    lock.lock();
    try {
      draining = true;
      refused = List.copyOf(waiting.values());
      waiting.clear();
    } finally {
      lock.unlock();
    }
    refused.forEach(decided -> decided.accept(Admission.SHUTTING_DOWN));
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
