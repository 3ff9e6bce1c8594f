package io.proxytftp.upstream;

/** How a fetch ended when it did not fail. */
public sealed interface FetchResult {

  /** Every byte arrived; {@code size} bytes were written to the sink. */
  record Fetched(long size) implements FetchResult {}

  /** The upstream answered that it has no such file (TFTP error 1, HTTP 404). */
  record NotFound(String message) implements FetchResult {}
}
