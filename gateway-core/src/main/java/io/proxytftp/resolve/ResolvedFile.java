package io.proxytftp.resolve;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;
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

  /**
   * When this content became what the name serves: for a fetched file, when its bytes were first
   * stored (kept when a fetch brings the same bytes again), so that it changes with the content.
   */
  Instant lastModified();

  /**
   * The SHA-256 of the content, lower-case hex, as {@link io.proxytftp.cache.CacheEntry#sha256()}
   * writes it: what names these bytes, whichever source serves them, so that validators such as an
   * HTTP entity tag are the same for the same content. Empty only while the content is still
   * arriving and not all of it has been checked.
   */
  Optional<String> sha256();

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
