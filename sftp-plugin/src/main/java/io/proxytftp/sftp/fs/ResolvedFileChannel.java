package io.proxytftp.sftp.fs;

import io.proxytftp.resolve.ResolvedFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * A read-only channel over a core {@link ResolvedFile}, for an SFTP file handle: reads at any
 * position, and closes the file (releasing a cache reader or a store file) when the handle closes.
 */
final class ResolvedFileChannel implements SeekableByteChannel {
  private final ResolvedFile file;
  private long position;
  private boolean open = true;

  ResolvedFileChannel(ResolvedFile file) {
    this.file = file;
  }

  @Override
  public synchronized int read(ByteBuffer dst) throws IOException {
    ensureOpen();
    int read = file.read(dst, position);
    if (read > 0) {
      position += read;
    }
    return read;
  }

  @Override
  public int write(ByteBuffer src) {
    throw new NonWritableChannelException();
  }

  @Override
  public synchronized long position() throws IOException {
    ensureOpen();
    return position;
  }

  @Override
  public synchronized SeekableByteChannel position(long newPosition) throws IOException {
    ensureOpen();
    if (newPosition < 0) {
      throw new IllegalArgumentException("negative position " + newPosition);
    }
    position = newPosition;
    return this;
  }

  @Override
  public long size() throws IOException {
    ensureOpen();
    return file.size();
  }

  @Override
  public SeekableByteChannel truncate(long size) {
    throw new NonWritableChannelException();
  }

  @Override
  public synchronized boolean isOpen() {
    return open;
  }

  @Override
  public synchronized void close() {
    if (open) {
      open = false;
      file.close();
    }
  }

  private void ensureOpen() throws ClosedChannelException {
    if (!open) {
      throw new ClosedChannelException();
    }
  }
}
