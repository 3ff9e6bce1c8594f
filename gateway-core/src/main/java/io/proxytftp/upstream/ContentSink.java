package io.proxytftp.upstream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.OptionalLong;

/**
 * Where a fetch streams what it receives, in order, so that a large file never has to be held in
 * memory. A sink throwing aborts the fetch.
 */
public interface ContentSink {

  /** Called once, before the first byte, with the size the upstream announced (if it did). */
  void begin(OptionalLong announcedSize) throws IOException;

  /** The next bytes of the file; the buffer is only valid during the call. */
  void write(ByteBuffer bytes) throws IOException;
}
