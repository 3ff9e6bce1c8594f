package io.proxytftp.tftp.codec;

import java.nio.ByteBuffer;

/**
 * One block of a file (DATA). A block shorter than the negotiated block size ends the transfer.
 *
 * <p>The payload is kept as a read-only view rather than copied, so a decoded packet shares the
 * datagram's memory; {@link #payload()} returns a fresh view each time so that reading it never
 * disturbs the packet, which matters when a block is sent again.
 *
 * @param block 0..65535; block numbers wrap around in long transfers
 * @param payload 0..{@value TftpCodec#MAX_BLOCK_SIZE} bytes, from its position to its limit
 */
public record DataPacket(int block, ByteBuffer payload) implements TftpPacket {
  public DataPacket {
    Fields.requireUnsignedShort(block, "block");
    Fields.requireInRange(payload.remaining(), 0, TftpCodec.MAX_BLOCK_SIZE, "payload length");
    payload = payload.slice().asReadOnlyBuffer();
  }

  /** A read-only view of the payload, positioned at its start. */
  @Override
  public ByteBuffer payload() {
    return payload.duplicate();
  }

  @Override
  public Opcode opcode() {
    return Opcode.DATA;
  }
}
