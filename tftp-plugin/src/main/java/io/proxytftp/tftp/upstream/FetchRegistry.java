package io.proxytftp.tftp.upstream;

import io.proxytftp.upstream.UpstreamException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every fetch from admission to its outcome: bounds how many run at once, maps a local port to the
 * fetch holding it (for as long as it holds it, dallying included), and lets a stopping fetcher wait
 * for the last outcome.
 */
final class FetchRegistry {
  private final int maxFetches;
  private final Set<Fetch> active = new HashSet<>();
  private final Map<Integer, Fetch> byPort = new ConcurrentHashMap<>();
  private boolean open;

  FetchRegistry(int maxFetches) {
    this.maxFetches = maxFetches;
  }

  synchronized void open() {
    open = true;
  }

  /** Refuses every new fetch from now on. */
  synchronized void drain() {
    open = false;
  }

  synchronized void admit(Fetch fetch) throws UpstreamException {
    if (!open) {
      throw new UpstreamException("the TFTP fetcher is not running");
    }
    if (active.size() >= maxFetches) {
      throw new UpstreamException("too many concurrent fetches (" + maxFetches + ")");
    }
    active.add(fetch);
  }

  /** The fetch's outcome is decided; its slot is free. */
  synchronized void finished(Fetch fetch) {
    if (active.remove(fetch) && active.isEmpty()) {
      notifyAll();
    }
  }

  /** Waits until no fetch is left, or {@code timeout} has passed; true when none is left. */
  synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (!active.isEmpty()) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  synchronized List<Fetch> active() {
    return List.copyOf(active);
  }

  void register(int port, Fetch fetch) {
    byPort.put(port, fetch);
  }

  void unregister(int port, Fetch fetch) {
    byPort.remove(port, fetch);
  }

  Fetch on(int port) {
    return byPort.get(port);
  }
}
