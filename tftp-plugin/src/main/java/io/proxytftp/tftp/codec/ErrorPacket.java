package io.proxytftp.tftp.codec;

/**
 * Ends a transfer with an error (ERROR).
 *
 * @param error the code's meaning; {@link TftpError#NOT_DEFINED} for codes outside the RFCs
 * @param code the code exactly as on the wire (0..65535), kept so that unusual codes from an
 *     upstream server can be logged or passed on unchanged
 * @param message human-readable text; never contains NUL
 */
public record ErrorPacket(TftpError error, int code, String message) implements TftpPacket {
  public ErrorPacket {
    Fields.requireUnsignedShort(code, "error code");
    if (TftpError.of(code) != error) {
      throw new IllegalArgumentException("error code " + code + " does not mean " + error);
    }
    Fields.requireWireText(message, "message");
  }

  /** An error with one of the standard codes. */
  public ErrorPacket(TftpError error, String message) {
    this(error, error.code(), message);
  }

  @Override
  public Opcode opcode() {
    return Opcode.ERROR;
  }
}
