package io.proxytftp.tftp.upstream;

import io.proxytftp.upstream.ContentSink;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.OptionalLong;

/** Keeps what a fetch writes, and the size it announced, for comparison. */
final class CollectingSink implements ContentSink {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private volatile OptionalLong announced;
  private int begun;

  @Override
  public synchronized void begin(OptionalLong announcedSize) {
    begun++;
    announced = announcedSize;
  }

  @Override
  public synchronized void write(ByteBuffer buffer) {
    byte[] chunk = new byte[buffer.remaining()];
    buffer.get(chunk);
    bytes.write(chunk, 0, chunk.length);
  }

  synchronized byte[] bytes() {
    return bytes.toByteArray();
  }

  /** The size passed to begin, or null if begin was never called. */
  OptionalLong announced() {
    return announced;
  }

  synchronized int begun() {
    return begun;
  }
}
