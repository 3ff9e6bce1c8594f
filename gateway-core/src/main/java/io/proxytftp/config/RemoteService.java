package io.proxytftp.config;

import java.util.List;

/**
 * A remote cluster service row of the Cluster View (EMCC, PSTN access, RSVP agent).
 *
 * @param addresses up to three addresses (Address 1..3), in order
 */
public record RemoteService(boolean enabled, boolean remoteActivated, List<ServiceAddress> addresses) {
  public RemoteService {
    addresses = List.copyOf(addresses);
    if (addresses.size() > 3) {
      throw new IllegalArgumentException("at most 3 addresses per service");
    }
  }
}
