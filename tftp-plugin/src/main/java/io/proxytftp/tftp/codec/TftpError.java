package io.proxytftp.tftp.codec;

/**
 * The error codes of RFC 1350 and RFC 2347, so that both sides of the gateway name a failure the
 * way phones and servers understand it.
 */
public enum TftpError {
  NOT_DEFINED(0),
  FILE_NOT_FOUND(1),
  ACCESS_VIOLATION(2),
  DISK_FULL(3),
  ILLEGAL_OPERATION(4),
  UNKNOWN_TRANSFER_ID(5),
  FILE_EXISTS(6),
  NO_SUCH_USER(7),
  /** The transfer was ended because an option could not be accepted (RFC 2347). */
  OPTION_REFUSED(8);

  private final int code;

  TftpError(int code) {
    this.code = code;
  }

  /** The value on the wire. */
  public int code() {
    return code;
  }

  /**
   * The error with the given wire code; codes outside the RFCs map to {@link #NOT_DEFINED}, since a
   * peer may send anything there.
   */
  public static TftpError of(int code) {
    for (TftpError error : values()) {
      if (error.code == code) {
        return error;
      }
    }
    return NOT_DEFINED;
  }
}
