package io.proxytftp.tftp.codec;

import java.util.Map;
import java.util.Objects;

/**
 * A request to read a file (RRQ), the packet every phone sends to fetch its configuration.
 *
 * @param filename as requested; never empty. Bytes that were not valid UTF-8 appear as U+FFFD.
 * @param options RFC 2347 options with lower-cased names, in the order sent; unmodifiable
 */
public record ReadRequest(String filename, TransferMode mode, Map<String, String> options)
    implements TftpPacket {
  public ReadRequest {
    filename = Fields.requireFilename(filename);
    Objects.requireNonNull(mode, "mode");
    options = Fields.options(options);
  }

  @Override
  public Opcode opcode() {
    return Opcode.RRQ;
  }
}
