package io.proxytftp.resolve;

import io.proxytftp.cache.Sha256;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;

/**
 * A resolved file over content held in memory (the memory cache tier, signed and stripped files);
 * reads copy from the array, nothing to release. The array is not copied: callers hand it over.
 * Its digest is the one given, or computed from the array when first asked for.
 */
public final class BytesFile implements ResolvedFile {
  private final String name;
  private final byte[] content;
  private final Instant lastModified;
  private volatile String sha256;

  public BytesFile(String name, byte[] content, Instant lastModified) {
    this(name, content, lastModified, null);
  }

  /** @param sha256 the content's digest when it is known already, else {@code null} */
  public BytesFile(String name, byte[] content, Instant lastModified, String sha256) {
    this.name = name;
    this.content = content;
    this.lastModified = lastModified;
    this.sha256 = sha256;
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
  public Optional<String> sha256() {
    String digest = sha256;
    if (digest == null) {
      digest = Sha256.of(content);
      sha256 = digest;
    }
    return Optional.of(digest);
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
