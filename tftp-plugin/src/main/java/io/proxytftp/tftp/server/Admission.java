package io.proxytftp.tftp.server;

/** What the registry decided about a new read request. */
enum Admission {
  /** Go ahead; the request holds a slot until it is released. */
  ADMITTED,
  /** The same client TID already has a request in progress: a retransmitted RRQ, dropped. */
  DUPLICATE,
  /** The server is stopping. */
  SHUTTING_DOWN,
  /** Too many transfers in total. */
  SERVER_BUSY,
  /** Too many transfers for this client address. */
  CLIENT_BUSY;

  String message() {
    return switch (this) {
      case SHUTTING_DOWN -> "server is shutting down";
      case SERVER_BUSY -> "server busy: too many transfers, try again later";
      case CLIENT_BUSY -> "too many transfers from this address, try again later";
      default -> throw new IllegalStateException(name() + " is not a refusal");
    };
  }
}
