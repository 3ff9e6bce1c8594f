package io.proxytftp.store;

import io.proxytftp.resolve.ResolvedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Instant;
import java.util.Optional;

/**
 * A resolved file read straight from an open channel, by position. Public so that every store of
 * files on disk (the local store, the content cache) serves them the same way; open for content
 * that is still being written, which narrows {@link #readableEnd()}, or whose digest is found
 * otherwise ({@link #sha256()}).
 */
public class ChannelFile implements ResolvedFile {
  private final String name;
  private final FileChannel channel;
  private final long size;
  private final Instant lastModified;
  private final String sha256;

  /** @param sha256 the content's digest, or {@code null} for a subclass that finds it itself */
  public ChannelFile(String name, FileChannel channel, long size, Instant lastModified, String sha256) {
    this.name = name;
    this.channel = channel;
    this.size = size;
    this.lastModified = lastModified;
    this.sha256 = sha256;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public Instant lastModified() {
    return lastModified;
  }

  @Override
  public Optional<String> sha256() {
    return Optional.ofNullable(sha256);
  }

  /**
   * Reads at most up to {@link #readableEnd()}: 0 bytes when {@code position} is not readable yet,
   * -1 at the end of the content.
   */
  @Override
  public final int read(ByteBuffer dst, long position) throws IOException {
    if (position >= size) {
      return -1;
    }
    long end = Math.min(size, readableEnd());
    if (position >= end) {
      return 0;
    }
    int limit = dst.limit();
    if (dst.remaining() > end - position) {
      dst.limit(dst.position() + (int) (end - position));
    }
    try {
      return Math.max(0, channel.read(dst, position));
    } finally {
      dst.limit(limit);
    }
  }

  /** How far the content can be read now: all of it, unless it is still being written. */
  protected long readableEnd() {
    return size;
  }

  @Override
  public final void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
