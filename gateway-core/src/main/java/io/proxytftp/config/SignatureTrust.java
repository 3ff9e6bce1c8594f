package io.proxytftp.config;

import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether the gateway may put its own signature on a file that came from a remote cluster. TFTP
 * runs over UDP and can be spoofed: without a check, anyone able to answer in a cluster's place
 * could have the gateway sign content of their choosing for every phone. So a file is re-signed
 * only when its upstream signature verifies against the cluster's TFTP certificate, or when the
 * admin has said explicitly that this cluster is trusted without one.
 *
 * @param certificate the cluster's TFTP certificate, whose signature a file must carry
 * @param resignUnverified re-sign this cluster's files without checking their signature; only
 *     meaningful without a certificate
 */
public record SignatureTrust(Optional<X509Certificate> certificate, boolean resignUnverified) {
  public SignatureTrust {
    Objects.requireNonNull(certificate, "certificate");
    if (certificate.isPresent() && resignUnverified) {
      throw new IllegalArgumentException("a certificate and resign-unverified exclude each other");
    }
  }

  /** Neither a certificate nor trust: this cluster's files are never re-signed. */
  public static SignatureTrust none() {
    return new SignatureTrust(Optional.empty(), false);
  }
}
