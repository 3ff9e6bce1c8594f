package io.proxytftp.resolve;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;

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

  @Override
  void close();
}
