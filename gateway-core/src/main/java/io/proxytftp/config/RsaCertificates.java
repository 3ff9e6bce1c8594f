package io.proxytftp.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;

/**
 * Reads a certificate given in the configuration, as a file or inline as PEM text, so a wrong one
 * is a configuration error.
 */
final class RsaCertificates {
  private static final String PEM_BEGIN = "-----BEGIN CERTIFICATE-----";

  private RsaCertificates() {}

  /** A file's path, or the PEM text itself (as the admin API stores certificates). */
  static ValueParser<X509Certificate> pathOrPem(Path configFolder) {
    ValueParser<Path> file = PathValues.readableFile(configFolder);
    return text -> text.strip().startsWith(PEM_BEGIN) ? fromPem(text) : read(file.parse(text));
  }

  private static X509Certificate fromPem(String text) throws InvalidValueException {
    try (InputStream in = new ByteArrayInputStream(text.strip().getBytes(StandardCharsets.US_ASCII))) {
      return checked(CertificateFactory.getInstance("X.509").generateCertificate(in), "the PEM text");
    } catch (CertificateException | IOException e) {
      throw new InvalidValueException("the PEM text holds no X.509 certificate");
    }
  }

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
    return checked(certificate, file.toString());
  }

  private static X509Certificate checked(Certificate certificate, String source) throws InvalidValueException {
    if (!(certificate instanceof X509Certificate x509)) {
      throw new InvalidValueException(source + " holds a " + certificate.getType() + " certificate, not X.509");
    }
    if (!(x509.getPublicKey() instanceof RSAPublicKey)) {
      throw new InvalidValueException(source + " holds a certificate with a " + x509.getPublicKey().getAlgorithm()
          + " key; signed files use RSA");
    }
    return x509;
  }
}
