package io.proxytftp.identity;

import io.proxytftp.plugin.StartException;

/**
 * The gateway's identity cannot be created or read; the message names the file and what is wrong
 * with it, for an admin to act on.
 */
public final class IdentityException extends StartException {
  private static final long serialVersionUID = 1L;

  IdentityException(String message) {
    super(message);
  }

  IdentityException(String message, Throwable cause) {
    super(message, cause);
  }
}
