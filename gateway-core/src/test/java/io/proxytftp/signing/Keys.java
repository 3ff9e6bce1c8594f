package io.proxytftp.signing;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test keys and certificates. RSA keys are slow to make, so one per size is shared by every test; certificates
 * have fixed dates, so that the same keys and names make an equal certificate.
 */
final class Keys {
  static final String SUBJECT = "C=NZ,ST=Wellington,L=Te Aro,O=Example,OU=Voice,CN=tftp.example.com";
  private static final Date NOT_BEFORE = Date.from(Instant.parse("2025-01-01T00:00:00Z"));
  private static final Date NOT_AFTER = Date.from(Instant.parse("2075-01-01T00:00:00Z"));
  private static final Map<Integer, KeyPair> SHARED = new ConcurrentHashMap<>();

  private Keys() {}

  static KeyPair rsa(int bits) {
    return SHARED.computeIfAbsent(bits, Keys::freshRsa);
  }

  static KeyPair freshRsa(int bits) {
    return generate("RSA", bits);
  }

  static KeyPair ec() {
    return generate("EC", 256);
  }

  static X509Certificate selfSigned(KeyPair keys) {
    return certificate(keys, SUBJECT, BigInteger.valueOf(0x1234_5678), keys, SUBJECT);
  }

  static X509Certificate certificate(KeyPair subjectKeys, String subject, BigInteger serial, KeyPair issuerKeys,
      String issuer) {
    return build(new JcaX509v3CertificateBuilder(new X500Name(issuer), serial, NOT_BEFORE, NOT_AFTER,
        new X500Name(subject), subjectKeys.getPublic()), issuerKeys);
  }

  /** Signs the certificate with the issuer's key, whichever its kind. */
  static X509Certificate build(X509v3CertificateBuilder builder, KeyPair issuerKeys) {
    String algorithm = issuerKeys.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKeys.getPrivate())));
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair generate(String algorithm, int size) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
      generator.initialize(size);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
