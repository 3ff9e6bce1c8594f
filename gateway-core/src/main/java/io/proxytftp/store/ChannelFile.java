package io.proxytftp.store;

import io.proxytftp.resolve.ResolvedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Instant;

/**
 * A resolved file read straight from an open channel, by position. Public so that every store of
 * files on disk (the local store, the content cache) serves them the same way.
 */
public final class ChannelFile implements ResolvedFile {
  private final String name;
  private final FileChannel channel;
  private final long size;
  private final Instant lastModified;

  public ChannelFile(String name, FileChannel channel, long size, Instant lastModified) {
    this.name = name;
    this.channel = channel;
    this.size = size;
    this.lastModified = lastModified;
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
  public int read(ByteBuffer dst, long position) throws IOException {
    if (position >= size) {
      return -1;
    }
    int limit = dst.limit();
    long left = size - position;
    if (dst.remaining() > left) {
      dst.limit(dst.position() + (int) left);
    }
    try {
      return channel.read(dst, position);
    } finally {
      dst.limit(limit);
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
