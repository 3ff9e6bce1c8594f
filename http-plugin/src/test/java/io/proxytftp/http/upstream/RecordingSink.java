package io.proxytftp.http.upstream;

import io.proxytftp.upstream.ContentSink;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what a fetch streams into it: the announced size, the bytes, in how many writes, and who answered. */
final class RecordingSink implements ContentSink {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private OptionalLong announced;
  private int writes;
  private final List<String> hops = new CopyOnWriteArrayList<>();

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

  @Override
  public void answeredBy(String hop) {
    hops.add(hop);
  }

  /** The hops the upstream named itself with, in order. */
  List<String> hops() {
    return List.copyOf(hops);
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
