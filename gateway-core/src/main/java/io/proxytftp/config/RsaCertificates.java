package io.proxytftp.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;

/** Reads a certificate named in the configuration, so a wrong file is a configuration error. */
final class RsaCertificates {
  private RsaCertificates() {}

  /** The first X.509 certificate in a PEM or DER file; signed files are RSA, so its key must be. */
  static X509Certificate read(Path file) throws InvalidValueException {
    Certificate certificate;
    try (InputStream in = Files.newInputStream(file)) {
      certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (CertificateException e) {
      throw new InvalidValueException(file + " holds no X.509 certificate in PEM or DER form");
    } catch (IOException e) {
      throw new InvalidValueException("cannot read " + file + ": " + e.getMessage());
    }
    if (!(certificate instanceof X509Certificate x509)) {
      throw new InvalidValueException(file + " holds a " + certificate.getType() + " certificate, not X.509");
    }
    if (!(x509.getPublicKey() instanceof RSAPublicKey)) {
      throw new InvalidValueException(file + " holds a certificate with a " + x509.getPublicKey().getAlgorithm()
          + " key; signed files use RSA");
    }
    return x509;
  }
}
