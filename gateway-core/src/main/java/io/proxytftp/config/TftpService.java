package io.proxytftp.config;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A remote cluster's TFTP service, with the choice the vendor's Proxy TFTP offers in its
 * manual-override window: addresses either determined automatically from the cluster's fully
 * qualified name, or configured by hand.
 *
 * @param addresses up to three manually configured addresses (Address 1..3); empty in automatic
 *     mode
 * @param httpPort the TCP port on which the same addresses serve the same files over HTTP (CUCM:
 *     6970), if they do: files are then asked for over HTTP first (faster for firmware), with TFTP
 *     as the fallback
 */
public record TftpService(
    boolean enabled, boolean remoteActivated, AddressMode addressMode, List<ServiceAddress> addresses,
    OptionalInt httpPort) {
  public TftpService {
    Objects.requireNonNull(addressMode, "addressMode");
    Objects.requireNonNull(httpPort, "httpPort");
    addresses = List.copyOf(addresses);
    if (addresses.size() > 3) {
      throw new IllegalArgumentException("at most 3 addresses per service");
    }
  }

  /** How a TFTP service's addresses are found (the manual-override window's two choices). */
  public enum AddressMode {
    /** Use automatically determined remote server addresses (a DNS lookup). */
    AUTOMATIC,
    /** Manually configure remote server addresses. */
    MANUAL
  }
}
