package io.proxytftp.http.upstream;

import io.proxytftp.upstream.ContentSink;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.OptionalLong;

/** Keeps what a fetch streams into it: the announced size, the bytes, and in how many writes. */
final class RecordingSink implements ContentSink {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private OptionalLong announced;
  private int writes;

  @Override
  public synchronized void begin(OptionalLong announcedSize) {
    announced = announcedSize;
  }

  @Override
  public synchronized void write(ByteBuffer buffer) {
    byte[] chunk = new byte[buffer.remaining()];
    buffer.get(chunk);
    bytes.writeBytes(chunk);
    writes++;
  }

  /** The size given to begin; null until begin was called. */
  synchronized OptionalLong announced() {
    return announced;
  }

  synchronized byte[] bytes() {
    return bytes.toByteArray();
  }

  synchronized int received() {
    return bytes.size();
  }

  synchronized int writes() {
    return writes;
  }
}
