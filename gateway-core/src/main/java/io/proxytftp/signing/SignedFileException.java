package io.proxytftp.signing;

/**
 * A file that is not a well-formed signed file or trust list. Checked, because every file the gateway reads
 * comes from outside and may be truncated or corrupt; the message names the tag and byte offset so that an
 * administrator can find the fault with a hex dump.
 */
public final class SignedFileException extends Exception {
  SignedFileException(String message) {
    super(message);
  }

  SignedFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
