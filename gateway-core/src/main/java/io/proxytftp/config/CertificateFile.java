package io.proxytftp.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * What a certificate file holds, PEM or DER. In PEM the certificate is looked for among all the
 * blocks, since many tools write the private key first and the certificate after it; other blocks
 * are skipped, and whether one of them is a private key is told, so that a file that should hold
 * only a public certificate can be warned about.
 *
 * @param certificate the file's first certificate
 * @param holdsPrivateKey whether a PEM block of the file is a private key, encrypted or not
 */
public record CertificateFile(X509Certificate certificate, boolean holdsPrivateKey) {
  private static final String PEM_BEGIN = "-----BEGIN ";

  /**
   * Reads a file's bytes: PEM blocks (text around them is ignored), or else one DER certificate.
   *
   * @throws CertificateException if they hold no X.509 certificate, or a certificate block that
   *     does not decode
   */
  public static CertificateFile parse(byte[] bytes) throws CertificateException {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    String text = new String(bytes, StandardCharsets.US_ASCII);
    if (!text.contains(PEM_BEGIN)) {
      return new CertificateFile(decode(factory, bytes), false);
    }
    X509Certificate certificate = null;
    boolean privateKey = false;
    try (PemReader blocks = new PemReader(new StringReader(text))) {
      for (PemObject block = blocks.readPemObject(); block != null; block = blocks.readPemObject()) {
        // PRIVATE KEY, RSA PRIVATE KEY, ENCRYPTED PRIVATE KEY...; CERTIFICATE, X509 CERTIFICATE...
        privateKey |= block.getType().endsWith("PRIVATE KEY");
        if (certificate == null && block.getType().endsWith("CERTIFICATE")) {
          certificate = decode(factory, block.getContent());
        }
      }
    } catch (IOException | RuntimeException e) { // BouncyCastle throws unchecked on bad Base64
      throw new CertificateException("malformed PEM: " + e.getMessage(), e);
    }
    if (certificate == null) {
      throw new CertificateException("no CERTIFICATE block");
    }
    return new CertificateFile(certificate, privateKey);
  }

  private static X509Certificate decode(CertificateFactory factory, byte[] der) throws CertificateException {
    return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
  }
}
