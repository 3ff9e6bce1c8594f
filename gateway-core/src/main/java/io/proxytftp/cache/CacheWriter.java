package io.proxytftp.cache;

import io.proxytftp.upstream.ContentSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams one new version of a file into the cache as a fetch receives it, so a large file never
 * has to be held in memory and nothing is visible until the whole file is in. Content goes to a
 * temporary file, hashed as it goes; {@link #commit} makes it current, anything else leaves no
 * trace. Used by one thread at a time, like the fetch that feeds it.
 */
public final class CacheWriter implements ContentSink, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CacheWriter.class);

  private enum State { CREATED, BEGUN, COMMITTED, ABORTED }

  private final ContentCache cache;
  private final String name;
  private final String origin;
  private final Path temporary;
  private final FileChannel channel;
  private final MessageDigest digest = Sha256.newDigest();
  private ByteArrayOutputStream copy;
  private OptionalLong announcedSize = OptionalLong.empty();
  private long written;
  private Arrival arrival;
  private State state = State.CREATED;

  CacheWriter(ContentCache cache, String name, String origin, Path temporary) throws IOException {
    this.cache = cache;
    this.name = name;
    this.origin = origin;
    this.temporary = temporary;
    try {
      this.channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
    } catch (IOException e) {
      Files.deleteIfExists(temporary);
      throw new CacheWriteException(temporary, e);
    }
  }

  /** Refuses at once a file announced larger than the whole disk tier. */
  @Override
  public void begin(OptionalLong announcedSize) throws IOException {
    Objects.requireNonNull(announcedSize, "announcedSize");
    requireState(State.CREATED);
    long expected = announcedSize.orElse(0);
    if (expected < 0) {
      throw new IllegalArgumentException("announced size " + expected + " is negative");
    }
    state = State.BEGUN;
    this.announcedSize = announcedSize;
    checkFits(expected);
    if (cache.keepsInMemory(expected)) {
      copy = new ByteArrayOutputStream((int) expected);
    }
    if (announcedSize.isPresent()) {
      arrival = new Arrival(name, temporary, expected, cache.now());
    }
  }

  /**
   * The content as it arrives, for readers that should not wait for the commit; present once
   * {@link #begin} was told the size (without a size a reader could not tell the end).
   */
  public Optional<Arrival> arrival() {
    return Optional.ofNullable(arrival);
  }

  /**
   * Appends bytes; refuses, and aborts, once the file grows larger than the whole disk tier.
   *
   * @throws CacheWriteException when the bytes cannot be written to disk (the writer is aborted)
   */
  @Override
  public void write(ByteBuffer bytes) throws IOException {
    requireState(State.BEGUN);
    checkFits(written + bytes.remaining());
    written += bytes.remaining();
    digest.update(bytes.duplicate());
    keepCopy(bytes.duplicate());
    try {
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    } catch (IOException e) {
      abort();
      throw new CacheWriteException(temporary, e);
    }
    if (arrival != null) {
      arrival.advanced(written); // only after the bytes are in the file
    }
  }

  /** Bytes received so far. */
  public long written() {
    return written;
  }

  /**
   * Makes what was written the current version of the name, replacing any older one, evicting
   * least recently used files as needed. On any failure nothing is stored and the writer is
   * aborted.
   *
   * @throws CacheWriteException on a disk error
   * @throws IOException when the size differs from the announced one
   */
  public CacheEntry commit() throws IOException {
    requireState(State.BEGUN);
    try {
      if (announcedSize.isPresent() && announcedSize.getAsLong() != written) {
        throw new IOException("size mismatch: " + name + " was announced as " + announcedSize.getAsLong()
            + " bytes, " + written + " were received");
      }
      forceAndClose();
      CacheEntry entry = new CacheEntry(name, written, Sha256.hex(digest), cache.now(), origin);
      CacheEntry stored = cache.store(entry, temporary, Optional.ofNullable(copy).map(ByteArrayOutputStream::toByteArray));
      state = State.COMMITTED;
      if (arrival != null) {
        arrival.completed(stored);
      }
      return stored;
    } finally {
      if (state != State.COMMITTED) {
        abort();
      }
    }
  }

  private void forceAndClose() throws CacheWriteException {
    try {
      channel.force(true);
      channel.close();
    } catch (IOException e) {
      throw new CacheWriteException(temporary, e);
    }
  }

  /** Drops what was written. Does nothing once committed or aborted. */
  public void abort() {
    if (state == State.COMMITTED || state == State.ABORTED) {
      return;
    }
    state = State.ABORTED;
    copy = null;
    if (arrival != null) {
      arrival.failed("nothing was kept");
    }
    try {
      channel.close();
      Files.deleteIfExists(temporary);
    } catch (IOException e) {
      LOG.warn("cannot delete {}; the next start will", temporary, e);
    }
  }

  /** Aborts unless committed. */
  @Override
  public void close() {
    abort();
  }

  private void checkFits(long size) throws IOException {
    if (size > cache.diskCapacity()) {
      abort();
      throw new IOException(name + " is larger than the cache: " + size + " bytes, the disk tier holds "
          + cache.diskCapacity());
    }
  }

  private void keepCopy(ByteBuffer bytes) throws IOException {
    if (copy == null) {
      return;
    }
    if (!cache.keepsInMemory(written)) {
      copy = null;
      return;
    }
    Channels.newChannel(copy).write(bytes);
  }

  private void requireState(State expected) {
    if (state != expected) {
      throw new IllegalStateException("writer of " + name + " is " + state + ", not " + expected);
    }
  }
}
