package io.proxytftp.config;

import java.util.Objects;

/** The four services of a remote cluster that the Cluster View lists. */
public record RemoteServices(
    RemoteService emcc, RemoteService pstnAccess, RemoteService rsvpAgent, TftpService tftp) {
  public RemoteServices {
    Objects.requireNonNull(emcc, "emcc");
    Objects.requireNonNull(pstnAccess, "pstnAccess");
    Objects.requireNonNull(rsvpAgent, "rsvpAgent");
    Objects.requireNonNull(tftp, "tftp");
  }
}
