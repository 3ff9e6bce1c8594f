package io.proxytftp.resolve;

import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * A resolved file over content held in memory (the memory cache tier, signed and stripped files);
 * reads copy from the array, nothing to release. The array is not copied: callers hand it over.
 */
public final class BytesFile implements ResolvedFile {
  private final String name;
  private final byte[] content;
  private final Instant lastModified;

  public BytesFile(String name, byte[] content, Instant lastModified) {
    this.name = name;
    this.content = content;
    this.lastModified = lastModified;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long size() {
    return content.length;
  }

  @Override
  public Instant lastModified() {
    return lastModified;
  }

  @Override
  public int read(ByteBuffer dst, long position) {
    if (position >= content.length) {
      return -1;
    }
    int count = (int) Math.min(dst.remaining(), content.length - position);
    dst.put(content, (int) position, count);
    return count;
  }

  @Override
  public void close() {
    // Nothing is held but the array, which the memory tier may still share.
  }
}
