package io.proxytftp.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a certificate given in the configuration, as a file or inline as PEM text, so a wrong one
 * is a configuration error. A private key beside the certificate is read past but warned about:
 * a cluster's certificate is public, and its key has no business among the gateway's files.
 */
final class RsaCertificates {
  private static final Logger LOG = LoggerFactory.getLogger(RsaCertificates.class);
  private static final String PEM_BEGIN = "-----BEGIN ";

  private RsaCertificates() {}

  /** A file's path, or the PEM text itself (as the admin API stores certificates). */
  static ValueParser<X509Certificate> pathOrPem(Path configFolder) {
    ValueParser<Path> file = PathValues.readableFile(configFolder);
    return text -> text.strip().startsWith(PEM_BEGIN)
        ? certificate(text.getBytes(StandardCharsets.US_ASCII), "the PEM text")
        : read(file.parse(text));
  }

  /** The first X.509 certificate in a PEM or DER file; signed files are RSA, so its key must be. */
  private static X509Certificate read(Path file) throws InvalidValueException {
    try {
      return certificate(Files.readAllBytes(file), file.toString());
    } catch (IOException e) {
      throw new InvalidValueException("cannot read " + file + ": " + e.getMessage());
    }
  }

  private static X509Certificate certificate(byte[] bytes, String source) throws InvalidValueException {
    CertificateFile read;
    try {
      read = CertificateFile.parse(bytes);
    } catch (CertificateException e) {
      throw new InvalidValueException(source + " holds no X.509 certificate in PEM or DER form");
    }
    if (read.holdsPrivateKey()) {
      LOG.warn("{} holds a private key besides the cluster's certificate: only the certificate is used;"
          + " remove the key from it", source);
    }
    X509Certificate x509 = read.certificate();
    if (!(x509.getPublicKey() instanceof RSAPublicKey)) {
      throw new InvalidValueException(source + " holds a certificate with a " + x509.getPublicKey().getAlgorithm()
          + " key; signed files use RSA");
    }
    return x509;
  }
}
