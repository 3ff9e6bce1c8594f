package io.proxytftp.cache;

import io.proxytftp.resolve.ResolvedFile;
import io.proxytftp.store.ChannelFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A file still arriving from a remote cluster, readable up to what has been written so far: phones
 * start downloading a large load while the gateway is still fetching it, instead of waiting for
 * the whole of it (and timing out). Its size is the one the upstream announced; each reader gets
 * its own view over the writer's temporary file, whose inode stays readable after the commit
 * renames it into place.
 *
 * <p>The last bytes become readable only once the writer has committed the file: until the upstream
 * has ended the transfer and its size and content checked out, a reader must not be able to reach
 * the end of the file, or a transfer that breaks off (or runs past its announced size) right at the
 * end would hand a phone a file that looks complete.
 *
 * <p>Its digest is not known until the whole file is in: a reader's {@link ResolvedFile#sha256()}
 * is empty until then, and afterwards it and {@link ResolvedFile#lastModified()} are those of the
 * entry the cache stored.
 */
public final class Arrival {
  private final String name;
  private final Path temporary;
  private final long size;
  private final Instant startedAt;
  private final List<Waiter> waiters = new ArrayList<>();
  private long available;
  private boolean complete;
  private CacheEntry stored;
  private IOException failure;

  private record Waiter(long end, CompletableFuture<Void> future) {}

  Arrival(String name, Path temporary, long size, Instant startedAt) {
    this.name = name;
    this.temporary = temporary;
    this.size = size;
    this.startedAt = startedAt;
  }

  /** A new reader of the arriving content; the caller closes it. */
  public ResolvedFile open() throws IOException {
    return new View(FileChannel.open(temporary, StandardOpenOption.READ));
  }

  public long size() {
    return size;
  }

  /** Called by the writer once bytes up to {@code end} are on disk. */
  void advanced(long end) {
    List<CompletableFuture<Void>> ready = new ArrayList<>();
    synchronized (this) {
      available = end;
      waiters.removeIf(waiter -> {
        if (waiter.end() <= end && waiter.end() < size) {
          ready.add(waiter.future());
          return true;
        }
        return false;
      });
    }
    ready.forEach(future -> future.complete(null));
  }

  /** Called by the writer once the file is in the cache as {@code entry}: every reader may read to the end. */
  void completed(CacheEntry entry) {
    List<Waiter> ready;
    synchronized (this) {
      complete = true;
      stored = entry;
      ready = List.copyOf(waiters);
      waiters.clear();
    }
    ready.forEach(waiter -> waiter.future().complete(null));
  }

  /** Called by the writer when the transfer broke off: every reader still waiting fails. */
  void failed(String why) {
    List<Waiter> failing;
    synchronized (this) {
      failure = new IOException("the transfer of " + name + " from its cluster broke off: " + why);
      failing = List.copyOf(waiters);
      waiters.clear();
    }
    failing.forEach(waiter -> waiter.future().completeExceptionally(failure));
  }

  private synchronized CompletableFuture<Void> readable(long end) {
    long bounded = Math.min(end, size);
    if (bounded <= readableEnd()) {
      return CompletableFuture.completedFuture(null);
    }
    if (failure != null) {
      return CompletableFuture.failedFuture(failure);
    }
    CompletableFuture<Void> future = new CompletableFuture<>();
    waiters.add(new Waiter(bounded, future));
    return future;
  }

  /** What a reader may read: what has arrived, short of the last byte until the file is complete. */
  private synchronized long readableEnd() {
    return complete ? available : Math.min(available, size - 1);
  }

  private synchronized Optional<CacheEntry> stored() {
    return Optional.ofNullable(stored);
  }

  private final class View extends ChannelFile {
    View(FileChannel channel) {
      super(name, channel, size, startedAt, null);
    }

    @Override
    public Instant lastModified() {
      return stored().map(CacheEntry::storedAt).orElse(startedAt);
    }

    @Override
    public Optional<String> sha256() {
      return stored().map(CacheEntry::sha256);
    }

    @Override
    protected long readableEnd() {
      return Arrival.this.readableEnd();
    }

    @Override
    public CompletableFuture<Void> whenReadable(long end) {
      return readable(end);
    }
  }
}
