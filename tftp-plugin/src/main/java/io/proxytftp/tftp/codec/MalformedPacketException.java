package io.proxytftp.tftp.codec;

import java.util.Objects;

/**
 * A datagram that is not a TFTP packet this gateway can read. It carries the error code to answer
 * with, so the server need not guess.
 */
public final class MalformedPacketException extends Exception {
  private final TftpError error;

  public MalformedPacketException(TftpError error, String message) {
    super(message);
    this.error = Objects.requireNonNull(error, "error");
  }

  /** The error code to answer the sender with. */
  public TftpError error() {
    return error;
  }
}
