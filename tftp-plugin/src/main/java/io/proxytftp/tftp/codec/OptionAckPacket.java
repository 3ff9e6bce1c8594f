package io.proxytftp.tftp.codec;

import java.util.Map;

/**
 * Accepts a request's options (OACK, RFC 2347), naming only those the sender agreed to.
 *
 * @param options at least one option, names lower-cased, in order; unmodifiable
 */
public record OptionAckPacket(Map<String, String> options) implements TftpPacket {
  public OptionAckPacket {
    options = Fields.options(options);
    if (options.isEmpty()) {
      throw new IllegalArgumentException("an OACK needs at least one option");
    }
  }

  @Override
  public Opcode opcode() {
    return Opcode.OACK;
  }
}
