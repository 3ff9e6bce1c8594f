package io.proxytftp.tftp.server;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The payloads of one transfer's DATA blocks, numbered from 1. A block may be asked for again until
 * it is acknowledged, so lost packets can be sent again without holding the file in memory.
 */
interface BlockSource {

  /**
   * Writes block {@code number}'s payload into {@code target}, which has room for exactly one block.
   * A payload shorter than a block ends the transfer.
   *
   * @return the payload's length
   */
  int fill(long number, ByteBuffer target) throws IOException;

  /** Blocks up to and including {@code number} will not be asked for again. */
  void acknowledged(long number);

  /**
   * How much of the file must be readable before block {@code number} can be filled; matters for
   * content still arriving from a remote cluster.
   */
  long readableEndFor(long number);
}
