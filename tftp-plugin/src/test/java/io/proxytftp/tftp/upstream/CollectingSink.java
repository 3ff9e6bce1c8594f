package io.proxytftp.tftp.upstream;

import io.proxytftp.upstream.ContentSink;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what a fetch writes, the size it announced and the hop it was answered by, for comparison. */
final class CollectingSink implements ContentSink {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private volatile OptionalLong announced;
  private int begun;
  private final List<String> hops = new CopyOnWriteArrayList<>();

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

  @Override
  public void answeredBy(String hop) {
    hops.add(hop);
  }

  /** The hops the fetch was answered by, in order. */
  List<String> hops() {
    return List.copyOf(hops);
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
