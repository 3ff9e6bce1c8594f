package io.proxytftp.lifecycle;

/**
 * A start refused for a reason an admin must fix (a data directory in use or unusable); the message
 * is the one line that says what and where, shown as it is, without a stack trace.
 */
public final class StartRefusedException extends Exception {
  private static final long serialVersionUID = 1L;

  public StartRefusedException(String message) {
    super(message);
  }
}
