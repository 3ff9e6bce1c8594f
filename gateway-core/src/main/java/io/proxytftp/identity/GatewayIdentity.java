package io.proxytftp.identity;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The gateway's TFTP identity: the key it signs ring lists, locales and its trust list with, and
 * the certificate home clusters import so that their phones accept what it signed.
 *
 * @param privateKey an RSA private key
 * @param certificate its certificate, whose public key pairs with {@code privateKey}
 */
public record GatewayIdentity(PrivateKey privateKey, X509Certificate certificate) {
  public GatewayIdentity {
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(certificate, "certificate");
    if (!(privateKey instanceof RSAPrivateKey rsa) || !(certificate.getPublicKey() instanceof RSAPublicKey pub)) {
      throw new IllegalArgumentException("the identity must be an RSA key and an RSA certificate");
    }
    if (!rsa.getModulus().equals(pub.getModulus())
        || (rsa instanceof RSAPrivateCrtKey crt && !crt.getPublicExponent().equals(pub.getPublicExponent()))) {
      throw new IllegalArgumentException("the private key does not belong to the certificate "
          + certificate.getSubjectX500Principal().getName());
    }
  }

  /** The certificate's DER encoding: what {@code export-cert --format der} writes. */
  public byte[] certificateDer() {
    try {
      return certificate.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("a parsed certificate cannot be encoded", e);
    }
  }

  /** The certificate as PEM: what {@code export-cert} writes by default. */
  public String certificatePem() {
    return PemCodec.certificatePem(certificate);
  }

  /** The SHA-256 fingerprint of the certificate, as admins compare it with {@code openssl x509 -fingerprint}. */
  public String fingerprint() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificateDer());
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** The key size in bits. */
  public int keyBits() {
    return ((RSAPublicKey) certificate.getPublicKey()).getModulus().bitLength();
  }
}
