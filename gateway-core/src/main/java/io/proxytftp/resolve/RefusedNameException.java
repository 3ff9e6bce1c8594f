package io.proxytftp.resolve;

/** A requested name that must not be looked up; the message is safe to send to the client. */
public final class RefusedNameException extends Exception {
  private static final long serialVersionUID = 1L;

  public RefusedNameException(String reason) {
    super(reason, null, false, false);
  }
}
