package io.proxytftp.config;

import io.proxytftp.signing.HashAlgorithm;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the gateway signs what it serves as its own: its default trust list and the common files
 * (ring lists, locales) it re-signs.
 *
 * @param hash the digest of the gateway's signatures
 * @param revalidateAfter how long a common file is served before its cluster is asked again whether
 *     it changed
 * @param commonFiles name patterns of the common files, without their {@code .sgn} suffix; see
 *     {@link io.proxytftp.signing.CommonFiles} for the syntax
 */
public record SigningSettings(HashAlgorithm hash, Duration revalidateAfter, List<String> commonFiles) {
  public SigningSettings {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(revalidateAfter, "revalidateAfter");
    commonFiles = List.copyOf(commonFiles);
  }
}
