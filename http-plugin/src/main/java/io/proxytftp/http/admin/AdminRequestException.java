package io.proxytftp.http.admin;

/** A request body the admin API cannot read: answered 400 with the message. */
final class AdminRequestException extends Exception {
  private static final long serialVersionUID = 1L;

  AdminRequestException(String message) {
    super(message);
  }
}
