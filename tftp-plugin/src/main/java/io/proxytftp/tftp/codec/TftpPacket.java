package io.proxytftp.tftp.codec;

/**
 * One decoded TFTP datagram. Sealed so that code handling packets can rely on seeing only these six
 * kinds.
 */
public sealed interface TftpPacket
    permits ReadRequest, WriteRequest, DataPacket, AckPacket, ErrorPacket, OptionAckPacket {

  /** The kind of packet, as on the wire. */
  Opcode opcode();
}
