package io.proxytftp.resolve;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Content ready to be served, read by position so a transfer can send any block again without
 * holding the file in memory. Whoever receives one closes it when the transfer ends.
 */
public interface ResolvedFile extends AutoCloseable {

  /** The normalised name the content was found under. */
  String name();

  /** The exact number of bytes (RFC 2349 tsize, HTTP Content-Length). */
  long size();

  Instant lastModified();

  /**
   * Reads up to {@code dst.remaining()} bytes starting at {@code position} into {@code dst}.
   *
   * @return the number of bytes read, or -1 at the end of the content
   */
  int read(ByteBuffer dst, long position) throws IOException;

  /**
   * Completes once the bytes before {@code end} can be read. Content that is complete (the usual
   * case) is readable at once; content still arriving from a remote cluster completes later, or
   * exceptionally when the transfer feeding it breaks off. Readers must not read past what this
   * promised.
   */
  default CompletableFuture<Void> whenReadable(long end) {
    return CompletableFuture.completedFuture(null);
  }

  /**
   * Reads the whole content into memory, for the small files that must be parsed (signed files,
   * trust lists). Only for content that is complete.
   *
   * @throws IOException when the content is larger than {@code limit} bytes or shorter than its size
   */
  default byte[] readAll(int limit) throws IOException {
    if (size() > limit) {
      throw new IOException(name() + " is " + size() + " bytes, more than the " + limit + " this use reads");
    }
    byte[] content = new byte[(int) size()];
    ByteBuffer buffer = ByteBuffer.wrap(content);
    while (buffer.hasRemaining()) {
      if (read(buffer, buffer.position()) < 0) {
        throw new IOException(name() + " ended after " + buffer.position() + " of its " + size() + " bytes");
      }
    }
    return content;
  }

  @Override
  void close();
}
