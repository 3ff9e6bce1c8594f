package io.proxytftp.cache;

import io.micrometer.core.instrument.MeterRegistry;
import io.proxytftp.config.CacheSettings;
import io.proxytftp.config.GatewaySettings;
import io.proxytftp.plugin.GatewayService;
import io.proxytftp.resolve.BytesFile;
import io.proxytftp.resolve.ResolvedFile;
import io.proxytftp.store.ChannelFile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files fetched from remote clusters, kept so that the next phone asking gets them without asking
 * upstream. Two tiers: small files in memory, every file on disk under {@code <data>/cache},
 * each tier bounded in bytes and emptied least recently used first.
 *
 * <h2>Crash safety</h2>
 *
 * A restart after a {@code kill -9} at any point never serves a partial or mismatched blob, by
 * these rules (the layout is in {@link BlobFolder}):
 *
 * <ol>
 *   <li>Content is written to a {@code .tmp} file and forced to disk before anything names it, and
 *       a start deletes every {@code .tmp} file: partial content is never found under a final
 *       name.
 *   <li>A blob's file name carries its content digest, so a new version is renamed into a file of
 *       its own and never over the blob the current sidecar describes. (Were blobs renamed over
 *       each other, a crash between the blob's and the sidecar's rename would pair new content
 *       with an old sidecar, which a size check cannot catch when both versions are the same
 *       size.)
 *   <li>The sidecar, also written to a {@code .tmp} file and forced first, is renamed into place
 *       last: that atomic rename is the commit. Before it, the old sidecar still names the old
 *       blob; after it, the new sidecar names the new, complete blob.
 *   <li>Removal deletes the sidecar before the blob, so a crash in between leaves an orphan blob.
 *   <li>A start keeps only a readable sidecar stored under its own name's key together with a blob
 *       of the size it records, and deletes everything else: orphan blobs (an interrupted commit,
 *       replacement or removal), sidecars without a blob, blobs cut short. Digests are recorded
 *       but not verified at start, which would take too long for gigabytes; the size check
 *       catches truncation, and rules 1 to 3 rule out anything else.
 * </ol>
 *
 * <h2>Concurrency</h2>
 *
 * One lock guards the index together with the renames and deletions that change which files are
 * current, so the two always agree; writing, hashing and reading content happen outside it. A
 * reader keeps the blob it opened: on Linux, a replaced or evicted blob's file stays readable
 * through an open channel until that channel is closed.
 */
public final class ContentCache implements GatewayService {
  private static final Logger LOG = LoggerFactory.getLogger(ContentCache.class);
  /** The disk tier's folder under the data directory. */
  public static final String FOLDER = "cache";

  private final BlobFolder folder;
  private final long diskCapacity;
  private final MemoryTier memory;
  private final Clock clock;
  private final Object lock = new Object();
  private final CacheIndex index = new CacheIndex();
  private final CacheMetrics metrics;
  private volatile boolean running;

  @Inject
  public ContentCache(GatewaySettings gateway, CacheSettings caches, Clock clock, MeterRegistry meters) {
    Objects.requireNonNull(gateway, "gateway");
    Objects.requireNonNull(caches, "caches");
    if (caches.diskBytes() < 0) {
      throw new IllegalArgumentException("disk capacity " + caches.diskBytes() + " is negative");
    }
    this.folder = new BlobFolder(gateway.dataDirectory().resolve(FOLDER).toAbsolutePath().normalize());
    this.diskCapacity = caches.diskBytes();
    this.memory = new MemoryTier(caches.memoryBytes());
    this.clock = Objects.requireNonNull(clock, "clock");
    this.metrics = new CacheMetrics(Objects.requireNonNull(meters, "meters"), this);
  }

  @Override
  public String name() {
    return "cache";
  }

  /** Creates the folder, deletes what interrupted writes left, and indexes what is stored. */
  @Override
  public void start() throws IOException {
    folder.create();
    List<CacheEntry> stored = folder.recover();
    synchronized (lock) {
      stored.forEach(index::put);
    }
    running = true;
    LOG.info("cache holds {} files, {} bytes", stored.size(), diskBytes());
  }

  /** Releases the memory tier; the disk tier stays for the next start. */
  @Override
  public void stop(Duration grace) {
    running = false;
    memory.clear();
  }

  /**
   * Opens the stored content of a name, from memory if held there, else from disk, and marks it
   * recently used. The caller closes what it gets.
   */
  public Optional<ResolvedFile> open(String name) throws IOException {
    requireRunning();
    Objects.requireNonNull(name, "name");
    while (true) {
      Optional<CacheEntry> found;
      synchronized (lock) {
        found = index.touch(name);
      }
      if (found.isEmpty()) {
        metrics.miss();
        return Optional.empty();
      }
      CacheEntry entry = found.get();
      Optional<byte[]> held = memory.get(entry);
      if (held.isPresent()) {
        metrics.memoryHit();
        return Optional.of(new BytesFile(name, held.get(), entry.storedAt(), entry.sha256()));
      }
      FileChannel channel;
      try {
        channel = FileChannel.open(folder.blob(entry), StandardOpenOption.READ);
      } catch (NoSuchFileException e) {
        if (forgetIfCurrent(entry)) {
          metrics.miss();
          return Optional.empty();
        }
        continue; // Replaced or removed since it was looked up: look again.
      }
      metrics.diskHit();
      return Optional.of(memory.accepts(entry.size()) ? readIntoMemory(entry, channel) : new ChannelFile(
          name, channel, entry.size(), entry.storedAt(), entry.sha256()));
    }
  }

  /** The stored version of a name, without marking it used. */
  public Optional<CacheEntry> entry(String name) {
    Objects.requireNonNull(name, "name");
    synchronized (lock) {
      return index.get(name);
    }
  }

  /** Every stored version, least recently used first. */
  public List<CacheEntry> entries() {
    synchronized (lock) {
      return index.all();
    }
  }

  /**
   * Starts storing a new version of a name; nothing is stored until the writer commits.
   *
   * @throws CacheWriteException when the cache's folder cannot be written
   */
  public CacheWriter writer(String name, String origin) throws IOException {
    requireRunning();
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(origin, "origin");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("name is empty");
    }
    Path temporary;
    try {
      temporary = folder.newTemporaryFile();
    } catch (IOException e) {
      throw new CacheWriteException(folder.root(), e);
    }
    return new CacheWriter(this, name, origin, temporary);
  }

  /** Removes a name from both tiers; readers already open finish. */
  public boolean remove(String name) {
    Objects.requireNonNull(name, "name");
    boolean removed;
    synchronized (lock) {
      Optional<CacheEntry> entry = index.get(name);
      if (entry.isPresent()) {
        delete(entry.get());
        index.remove(name);
      }
      removed = entry.isPresent();
    }
    memory.invalidate(name);
    return removed;
  }

  /** Removes everything from both tiers. */
  public void clear() {
    synchronized (lock) {
      for (CacheEntry entry : index.all()) {
        delete(entry);
        index.remove(entry.name());
      }
    }
    memory.clear();
  }

  /** The cache's fill and hit counts now. */
  public CacheStatistics statistics() {
    synchronized (lock) {
      return metrics.statistics(index.size(), index.bytes(), diskCapacity);
    }
  }

  /** Bytes of content currently stored on disk. */
  public long diskBytes() {
    synchronized (lock) {
      return index.bytes();
    }
  }

  int entryCount() {
    synchronized (lock) {
      return index.size();
    }
  }

  long diskCapacity() {
    return diskCapacity;
  }

  Instant now() {
    return clock.instant();
  }

  /** Whether a writer should keep a copy of content of this size for the memory tier. */
  boolean keepsInMemory(long size) {
    return memory.accepts(size);
  }

  /**
   * Makes a written version current (see the class comment for the order of renames), then evicts
   * least recently used entries until the disk tier fits. {@code blob} is complete and forced.
   *
   * @return the entry as stored, whose {@link CacheEntry#storedAt()} says when its content was
   *     first stored (see {@link #firstStored})
   * @throws CacheWriteException when the folder cannot be written
   */
  CacheEntry store(CacheEntry written, Path blob, Optional<byte[]> content) throws IOException {
    try {
      return publish(firstStored(written, entry(written.name())), blob, content);
    } catch (CacheWriteException e) {
      throw e;
    } catch (IOException e) {
      throw new CacheWriteException(folder.root(), e);
    }
  }

  private CacheEntry publish(CacheEntry entry, Path blob, Optional<byte[]> content) throws IOException {
    Path sidecar = folder.stageSidecar(entry);
    List<CacheEntry> evicted;
    try {
      synchronized (lock) {
        folder.publish(blob, sidecar, entry);
        index.put(entry)
            .filter(previous -> !previous.sha256().equals(entry.sha256()))
            .ifPresent(this::deleteDisplacedBlob);
        evicted = index.evictToFit(diskCapacity);
        evicted.forEach(this::deleteEvicted);
      }
    } finally {
      Files.deleteIfExists(sidecar);
    }
    memory.invalidate(entry.name());
    content.ifPresent(bytes -> memory.put(entry, bytes));
    evicted.forEach(victim -> memory.invalidate(victim.name()));
    metrics.stored();
    metrics.evicted(evicted.size());
    return entry;
  }

  /**
   * {@code written} with the time its content was first stored: the same bytes fetched again
   * (device files are fetched on every request) keep the previous version's time, so that
   * {@code Last-Modified} changes only with the content; new bytes get a time in a later second
   * than the previous version's, since HTTP dates count whole seconds and a change within the
   * same second would otherwise look unmodified.
   */
  static CacheEntry firstStored(CacheEntry written, Optional<CacheEntry> previous) {
    if (previous.isEmpty()) {
      return written;
    }
    Instant storedAt = previous.get().sha256().equals(written.sha256()) ? previous.get().storedAt()
        : latest(written.storedAt(), previous.get().storedAt().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1));
    return new CacheEntry(written.name(), written.size(), written.sha256(), storedAt, written.origin());
  }

  private static Instant latest(Instant one, Instant other) {
    return one.isAfter(other) ? one : other;
  }

  private ResolvedFile readIntoMemory(CacheEntry entry, FileChannel channel) throws IOException {
    byte[] content;
    try (ChannelFile blob = new ChannelFile(entry.name(), channel, entry.size(), entry.storedAt(), entry.sha256())) {
      content = blob.readAll(Integer.MAX_VALUE);
    }
    memory.put(entry, content);
    return new BytesFile(entry.name(), content, entry.storedAt(), entry.sha256());
  }

  /** Drops an entry whose blob vanished behind the cache's back; false if it changed meanwhile. */
  private boolean forgetIfCurrent(CacheEntry entry) {
    synchronized (lock) {
      if (!index.get(entry.name()).equals(Optional.of(entry))) {
        return false;
      }
      LOG.warn("cached blob of {} is missing; forgetting it", entry.name());
      delete(entry);
      index.remove(entry.name());
      return true;
    }
  }

  private void delete(CacheEntry entry) {
    try {
      folder.delete(entry);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the cached " + entry.name(), e);
    }
  }

  private void deleteDisplacedBlob(CacheEntry previous) {
    try {
      folder.deleteBlob(previous);
    } catch (IOException e) {
      LOG.warn("cannot delete the replaced blob of {}; the next start will", previous.name(), e);
    }
  }

  private void deleteEvicted(CacheEntry victim) {
    try {
      folder.delete(victim);
    } catch (IOException e) {
      LOG.warn("cannot delete the evicted {}; it stays on disk uncounted until the next start", victim.name(), e);
    }
  }

  private void requireRunning() {
    if (!running) {
      throw new IllegalStateException("the cache is not started");
    }
  }
}
