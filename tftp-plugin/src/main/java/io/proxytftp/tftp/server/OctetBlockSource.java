package io.proxytftp.tftp.server;

import io.proxytftp.resolve.ResolvedFile;
import java.io.IOException;
import java.nio.ByteBuffer;

/** Octet mode: block {@code n} is the file's bytes at {@code (n - 1) * blockSize}, read by position. */
final class OctetBlockSource implements BlockSource {
  private final ResolvedFile file;
  private final int blockSize;

  OctetBlockSource(ResolvedFile file, int blockSize) {
    this.file = file;
    this.blockSize = blockSize;
  }

  @Override
  public int fill(long number, ByteBuffer target) throws IOException {
    int start = target.position();
    long position = (number - 1) * blockSize;
    while (target.hasRemaining()) {
      int read = file.read(target, position + target.position() - start);
      if (read < 0) {
        break;
      }
    }
    return target.position() - start;
  }

  @Override
  public long readableEndFor(long number) {
    return Math.min(number * blockSize, file.size());
  }

  @Override
  public void acknowledged(long number) {
    // Nothing is held: any block can be read again.
  }
}
