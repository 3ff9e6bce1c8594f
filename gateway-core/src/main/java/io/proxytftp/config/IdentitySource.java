package io.proxytftp.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the gateway's TFTP identity (its signing key and certificate) comes from. Home clusters
 * import the certificate, so it must stay the same across restarts: a created identity is kept
 * under the data directory, a supplied one is read from the admin's files at every start.
 */
public sealed interface IdentitySource {

  /**
   * Created on first start under {@code <data-directory>/identity}, then reused.
   *
   * @param keySize RSA key bits; signed files can only name 2048 or 4096 among today's sizes
   * @param validity how long the self-signed certificate is valid from its creation
   */
  record Generated(int keySize, Duration validity) implements IdentitySource {
    public Generated {
      if (keySize != 2048 && keySize != 4096) {
        throw new IllegalArgumentException("key size must be 2048 or 4096, got " + keySize);
      }
      if (Objects.requireNonNull(validity, "validity").isNegative() || validity.isZero()) {
        throw new IllegalArgumentException("validity must be positive, got " + validity);
      }
    }
  }

  /** An X.509 certificate and its unencrypted RSA private key, each a PEM file. */
  record PemFiles(Path certificate, Path privateKey) implements IdentitySource {
    public PemFiles {
      Objects.requireNonNull(certificate, "certificate");
      Objects.requireNonNull(privateKey, "privateKey");
    }
  }

  /** A PKCS#12 key store holding one RSA key with its certificate. */
  record Pkcs12(Path keystore, String password) implements IdentitySource {
    public Pkcs12 {
      Objects.requireNonNull(keystore, "keystore");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
      return "Pkcs12[keystore=" + keystore + ", password=(hidden)]";
    }
  }
}
