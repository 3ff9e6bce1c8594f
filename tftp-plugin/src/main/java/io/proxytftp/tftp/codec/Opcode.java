package io.proxytftp.tftp.codec;

import java.util.Optional;

/** The first two bytes of every TFTP packet, which say how to read the rest. */
public enum Opcode {
  RRQ(1),
  WRQ(2),
  DATA(3),
  ACK(4),
  ERROR(5),
  /** Option acknowledgement, RFC 2347. */
  OACK(6);

  private final int code;

  Opcode(int code) {
    this.code = code;
  }

  /** The value on the wire. */
  public int code() {
    return code;
  }

  static Optional<Opcode> fromCode(int code) {
    for (Opcode opcode : values()) {
      if (opcode.code == code) {
        return Optional.of(opcode);
      }
    }
    return Optional.empty();
  }
}
