package io.proxytftp.upstream;

import java.io.IOException;

/** A fetch that failed for a reason other than "not found"; the message says why, for logs. */
public final class UpstreamException extends IOException {
  private static final long serialVersionUID = 1L;

  public UpstreamException(String message) {
    super(message);
  }

  public UpstreamException(String message, Throwable cause) {
    super(message, cause);
  }
}
