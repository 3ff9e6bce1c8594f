package io.proxytftp.http.phone;

import io.proxytftp.resolve.ResolvedFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.util.BufferUtil;

/**
 * One byte range of a {@link ResolvedFile} as Jetty content, read a chunk ahead of the response.
 *
 * <p>A file may still be arriving from a remote cluster: each chunk is read only once
 * {@link ResolvedFile#whenReadable} has promised its bytes, so a response keeps pace with the
 * upstream transfer instead of reading past it, and fails when that transfer breaks off. Reads
 * always happen on the given executor (the HTTP server's pool), never on the thread that calls
 * {@link #read()} or {@link #demand}, which may be one of Jetty's selector threads. The source does
 * not own the file: whoever answers the request closes it.
 */
final class ResolvedFileSource implements Content.Source {
  /** Bytes read at a time when the pool does not say. */
  static final int DEFAULT_CHUNK = 64 * 1024;

  private final ResolvedFile file;
  private final ByteBufferPool.Sized pool;
  private final Executor executor;
  private final long length;
  private final long end;
  private final int chunkSize;

  private long position;
  private Content.Chunk ready;
  private Throwable failure;
  private boolean loading;
  private Runnable demand;

  /**
   * @param first the first byte to send
   * @param length how many bytes to send from {@code first}
   */
  ResolvedFileSource(ResolvedFile file, ByteBufferPool.Sized pool, Executor executor, long first, long length) {
    if (first < 0 || length < 0 || first + length > file.size()) {
      throw new IllegalArgumentException("bytes " + first + "+" + length + " are outside " + file.name()
          + " (" + file.size() + " bytes)");
    }
    this.file = file;
    this.pool = pool;
    this.executor = executor;
    this.position = first;
    this.length = length;
    this.end = first + length;
    this.chunkSize = pool.getSize() > 0 ? pool.getSize() : DEFAULT_CHUNK;
  }

  @Override
  public long getLength() {
    return length;
  }

  @Override
  public Content.Chunk read() {
    Content.Chunk chunk;
    synchronized (this) {
      if (failure != null) {
        return Content.Chunk.from(failure, true);
      }
      if (ready == null) {
        return position >= end ? Content.Chunk.EOF : null;
      }
      chunk = ready;
      ready = null;
    }
    loadNext();
    return chunk;
  }

  @Override
  public void demand(Runnable onReadable) {
    boolean now;
    synchronized (this) {
      if (demand != null) {
        throw new IllegalStateException("demand is already pending");
      }
      now = failure != null || ready != null || position >= end;
      if (!now) {
        demand = onReadable;
      }
    }
    if (now) {
      onReadable.run();
    } else {
      loadNext();
    }
  }

  @Override
  public void fail(Throwable cause) {
    Content.Chunk dropped;
    Runnable waiting;
    synchronized (this) {
      if (failure == null) {
        failure = cause;
      }
      dropped = ready;
      ready = null;
      waiting = demand;
      demand = null;
    }
    if (dropped != null) {
      dropped.release();
    }
    if (waiting != null) {
      waiting.run();
    }
  }

  /** Starts reading the next chunk unless one is read, being read, or the range is done. */
  private void loadNext() {
    long from;
    long to;
    synchronized (this) {
      if (loading || ready != null || failure != null || position >= end) {
        return;
      }
      loading = true;
      from = position;
      to = Math.min(end, position + chunkSize);
    }
    file.whenReadable(to).whenComplete((readable, broken) -> {
      try {
        executor.execute(() -> load(from, to, broken));
      } catch (RejectedExecutionException stopped) {
        loaded(null, stopped);
      }
    });
  }

  private void load(long from, long to, Throwable broken) {
    if (broken != null) {
      loaded(null, broken);
      return;
    }
    RetainableByteBuffer.Mutable buffer = pool.acquire((int) (to - from));
    try {
      ByteBuffer bytes = buffer.getByteBuffer();
      int start = BufferUtil.flipToFill(bytes);
      bytes.limit(start + (int) (to - from));
      long at = from;
      while (bytes.hasRemaining()) {
        int count = file.read(bytes, at);
        if (count <= 0) {
          throw new IOException(file.name() + " gave no bytes at " + at + " although " + to + " were promised");
        }
        at += count;
      }
      BufferUtil.flipToFlush(bytes, start);
      loaded(Content.Chunk.asChunk(bytes, to == end, buffer), null);
    } catch (IOException | RuntimeException e) {
      buffer.release();
      loaded(null, e);
    }
  }

  private void loaded(Content.Chunk chunk, Throwable broken) {
    Runnable waiting;
    boolean drop = false;
    synchronized (this) {
      loading = false;
      if (broken != null && failure == null) {
        failure = broken;
      }
      if (chunk != null && failure == null) {
        ready = chunk;
        position += chunk.remaining();
      } else {
        drop = chunk != null;
      }
      waiting = demand;
      demand = null;
    }
    if (drop) {
      chunk.release();
    }
    if (waiting != null) {
      waiting.run();
    }
  }
}
