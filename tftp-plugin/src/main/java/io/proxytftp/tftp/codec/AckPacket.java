package io.proxytftp.tftp.codec;

/**
 * Acknowledges a DATA block (ACK); block 0 acknowledges a WRQ or an OACK.
 *
 * @param block 0..65535
 */
public record AckPacket(int block) implements TftpPacket {
  public AckPacket {
    Fields.requireUnsignedShort(block, "block");
  }

  @Override
  public Opcode opcode() {
    return Opcode.ACK;
  }
}
