package io.proxytftp.config;

import java.util.Objects;

/**
 * The network listeners a deployment can open: three that phones and admins use for files, and the
 * admin listener (admin API, metrics, health), kept apart so that opening the phones' HTTP port to
 * a phone network never exposes the admin API there.
 */
public record Listeners(ListenerSettings tftp, ListenerSettings http, ListenerSettings sftp, ListenerSettings admin) {
  public Listeners {
    Objects.requireNonNull(tftp, "tftp");
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(sftp, "sftp");
    Objects.requireNonNull(admin, "admin");
  }
}
