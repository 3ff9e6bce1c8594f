package io.proxytftp.identity;

import io.proxytftp.config.CertificateFile;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemGenerationException;

/** PEM files of certificates and private keys, in the forms OpenSSL writes them. */
final class PemCodec {
  private PemCodec() {}

  /** The first certificate, wherever it stands in the file: one file may hold the key and the certificate. */
  static X509Certificate readCertificate(Path file) throws IdentityException {
    byte[] content = IdentityFiles.read(file);
    try {
      return CertificateFile.parse(content).certificate();
    } catch (CertificateException e) {
      throw new IdentityException(file + " holds no X.509 certificate in PEM or DER form");
    }
  }

  /** Reads an unencrypted key: PKCS#8 ({@code PRIVATE KEY}) or PKCS#1 ({@code RSA PRIVATE KEY}). */
  static PrivateKey readPrivateKey(Path file) throws IdentityException {
    Object object;
    String text = new String(IdentityFiles.read(file), StandardCharsets.US_ASCII);
    try (PEMParser parser = new PEMParser(new StringReader(text))) {
      object = parser.readObject();
    } catch (IOException e) {
      throw new IdentityException("cannot read a PEM private key from " + file + ": " + e.getMessage(), e);
    }
    try {
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (object instanceof PEMKeyPair pair) {
        return converter.getPrivateKey(pair.getPrivateKeyInfo());
      }
      if (object instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
    } catch (IOException e) {
      throw new IdentityException(file + " holds a private key that cannot be decoded: " + e.getMessage(), e);
    }
    if (object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
      throw new IdentityException(file + " holds an encrypted private key; give an unencrypted one, or a PKCS#12"
          + " keystore with keystore-password");
    }
    throw new IdentityException(file + " holds no PEM private key");
  }

  static String certificatePem(X509Certificate certificate) {
    return pem(certificate);
  }

  /** PKCS#8, unencrypted: the file's permissions protect it. */
  static String privateKeyPem(PrivateKey key) {
    try {
      return pem(new JcaPKCS8Generator(key, null));
    } catch (PemGenerationException e) {
      throw new IllegalStateException("an RSA key is always PKCS#8 encodable", e);
    }
  }

  private static String pem(Object object) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new IllegalStateException("writing PEM to memory cannot fail", e);
    }
    return text.toString();
  }
}
