package io.proxytftp.tftp.server;

import io.proxytftp.resolve.ResolvedFile;
import io.proxytftp.tftp.codec.NetasciiEncoder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Netascii mode: the file converted on the fly (LF to CR LF, CR to CR NUL). Conversion changes
 * lengths, so a block's position in the file is only known by converting everything before it;
 * the blocks sent but not yet acknowledged (at most one window) are kept for sending again.
 */
final class NetasciiBlockSource implements BlockSource {
  private final ResolvedFile file;
  private final int blockSize;
  private final NetasciiEncoder encoder = new NetasciiEncoder();
  private final ByteBuffer chunk;
  private final List<byte[]> kept = new ArrayList<>();
  private long firstKept = 1;
  private long filePosition;
  private boolean endOfFile;

  NetasciiBlockSource(ResolvedFile file, int blockSize) {
    this.file = file;
    this.blockSize = blockSize;
    this.chunk = ByteBuffer.allocate(Math.min(blockSize, 8192)).flip();
  }

  @Override
  public int fill(long number, ByteBuffer target) throws IOException {
    while (firstKept + kept.size() <= number) {
      kept.add(convertNext());
    }
    byte[] block = kept.get((int) (number - firstKept));
    target.put(block);
    return block.length;
  }

  /** Conversion changes lengths, so a block's place in the file is unknown until converted: all of it. */
  @Override
  public long readableEndFor(long number) {
    return file.size();
  }

  @Override
  public void acknowledged(long number) {
    while (firstKept <= number && !kept.isEmpty()) {
      kept.remove(0);
      firstKept++;
    }
  }

  private byte[] convertNext() throws IOException {
    ByteBuffer block = ByteBuffer.allocate(blockSize);
    while (block.hasRemaining()) {
      if (!chunk.hasRemaining() && !endOfFile) {
        chunk.clear();
        int read = file.read(chunk, filePosition);
        chunk.flip();
        if (read < 0) {
          endOfFile = true;
        } else {
          filePosition += read;
        }
      }
      if (endOfFile && !chunk.hasRemaining() && !encoder.hasPending()) {
        break;
      }
      encoder.encode(chunk, block);
    }
    byte[] payload = new byte[block.position()];
    block.flip().get(payload);
    return payload;
  }
}
