package io.proxytftp.config;

import java.util.Objects;

/** The three network listeners a deployment can open. */
public record Listeners(ListenerSettings tftp, ListenerSettings http, ListenerSettings sftp) {
  public Listeners {
    Objects.requireNonNull(tftp, "tftp");
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(sftp, "sftp");
  }
}
