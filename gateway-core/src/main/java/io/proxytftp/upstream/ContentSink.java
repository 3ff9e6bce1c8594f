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

  /**
   * Called when the upstream is a proxytftp gateway that names itself in its answer (the {@code
   * proxytftp-via} option of its OACK, the {@code Proxytftp-Hop} header of its HTTP response):
   * before {@link #begin} if at all, also when the answer is "not found", with the value as
   * received ({@code gateway.id#instance-token}, not checked). It is how a gateway that lists a copy
   * of itself as a remote cluster learns that the two share their id; a sink that only stores bytes
   * ignores it. Must not throw.
   */
  default void answeredBy(String hop) {
    // Only the search's sinks want to know who answered.
  }
}
