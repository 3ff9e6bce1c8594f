package io.proxytftp.signing;

import static io.proxytftp.signing.Tags.FILE_NAME;
import static io.proxytftp.signing.Tags.HASH_ALGORITHM;
import static io.proxytftp.signing.Tags.HEADER_LENGTH;
import static io.proxytftp.signing.Tags.ISSUER_NAME;
import static io.proxytftp.signing.Tags.MODULUS;
import static io.proxytftp.signing.Tags.MODULUS_BITS;
import static io.proxytftp.signing.Tags.PADDING;
import static io.proxytftp.signing.Tags.RSA;
import static io.proxytftp.signing.Tags.SERIAL_NUMBER;
import static io.proxytftp.signing.Tags.SIGNATURE;
import static io.proxytftp.signing.Tags.SIGNATURE_ALGORITHM;
import static io.proxytftp.signing.Tags.SIGNATURE_ALGORITHM_INFO;
import static io.proxytftp.signing.Tags.SIGNATURE_INFO;
import static io.proxytftp.signing.Tags.SIGNER_INFO;
import static io.proxytftp.signing.Tags.SIGNER_NAME;
import static io.proxytftp.signing.Tags.SIGNER_VERSION;
import static io.proxytftp.signing.Tags.TIMESTAMP;
import static io.proxytftp.signing.Tags.VERSION;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.time.Instant;

/**
 * Writes the header that signed files and trust lists share, in certutils' order (1, 2, [28], 3 to 11, 12,
 * 14, 15, padding), and signs. Its length is known before signing, so that a trust list can refuse to grow
 * past what phones accept without first spending a signature.
 */
final class HeaderWriter {
  private static final byte[] HEADER_VERSION = {1, 2};
  private static final int MAX_HEADER_LENGTH = 0xffff;
  private static final long MAX_TIMESTAMP = 0xffffffffL;

  private final PrivateKey key;
  private final HashAlgorithm hash;
  /** Tags 1 to 11: what precedes the signature. */
  private final byte[] beforeSignature;
  /** Tags 14, 15 and the padding. */
  private final byte[] afterSignature;
  private final int length;

  private HeaderWriter(X509Certificate certificate, PrivateKey key, HashAlgorithm hash, String fileName,
      Instant timestamp, boolean trustList) throws InvalidKeyException {
    this.key = key;
    this.hash = hash;
    int modulusBits = modulusBits(key);
    TlvWriter signer = new TlvWriter();
    if (trustList) {
      signer.element(SIGNER_VERSION, signerVersion(hash));
    }
    signer.container(SIGNER_INFO, new TlvWriter()
            .string(SIGNER_NAME, Certificates.name(certificate.getSubjectX500Principal()))
            .element(SERIAL_NUMBER, Certificates.serialNumber(certificate))
            .string(ISSUER_NAME, Certificates.name(certificate.getIssuerX500Principal())))
        .container(SIGNATURE_INFO, new TlvWriter()
            .uint8(HASH_ALGORITHM, hash.code())
            .container(SIGNATURE_ALGORITHM_INFO, new TlvWriter()
                .uint8(SIGNATURE_ALGORITHM, RSA)
                .uint8(MODULUS, MODULUS_BITS.indexOf(modulusBits))));
    TlvWriter after = new TlvWriter()
        .string(FILE_NAME, fileName)
        .uint32(TIMESTAMP, seconds(timestamp));
    int versionAndLength = 2 * (TlvReader.ELEMENT_OVERHEAD + 2);
    int signatureElement = TlvReader.ELEMENT_OVERHEAD + modulusBits / 8;
    while ((versionAndLength + signer.size() + signatureElement + after.size()) % 4 != 0) {
      after.tagByte(PADDING);
    }
    length = versionAndLength + signer.size() + signatureElement + after.size();
    if (length > MAX_HEADER_LENGTH) {
      throw new IllegalArgumentException("the header would be " + length + " bytes, more than the "
          + MAX_HEADER_LENGTH + " its 16-bit header length can say");
    }
    beforeSignature = new TlvWriter()
        .element(VERSION, HEADER_VERSION)
        .uint16(HEADER_LENGTH, length)
        .raw(signer.toByteArray())
        .toByteArray();
    afterSignature = after.toByteArray();
  }

  static HeaderWriter signedFile(X509Certificate certificate, PrivateKey key, HashAlgorithm hash,
      String fileName, Instant timestamp) throws InvalidKeyException {
    return new HeaderWriter(certificate, key, hash, fileName, timestamp, false);
  }

  /** Adds tag 28, the signer version, by which phones tell a SHA-512 trust list from a SHA-1 one. */
  static HeaderWriter trustList(X509Certificate certificate, PrivateKey key, HashAlgorithm hash,
      String fileName, Instant timestamp) throws InvalidKeyException {
    return new HeaderWriter(certificate, key, hash, fileName, timestamp, true);
  }

  int length() {
    return length;
  }

  /** The signed file: the signature covers everything but its own element, which stands after tag 11. */
  byte[] sign(byte[] body) throws GeneralSecurityException {
    Signature signer = Signature.getInstance(hash.jcaName());
    signer.initSign(key);
    signer.update(beforeSignature);
    signer.update(afterSignature);
    signer.update(body);
    return new TlvWriter()
        .raw(beforeSignature)
        .element(SIGNATURE, signer.sign())
        .raw(afterSignature)
        .raw(body)
        .toByteArray();
  }

  private static int modulusBits(PrivateKey key) throws InvalidKeyException {
    if (!(key instanceof RSAKey rsa)) {
      throw new InvalidKeyException("signed files are signed with RSA, not " + key.getAlgorithm());
    }
    int bits = rsa.getModulus().bitLength();
    if (!MODULUS_BITS.contains(bits)) {
      throw new IllegalArgumentException("an RSA key of " + bits + " bits cannot sign: tag 11 can only say "
          + MODULUS_BITS + " bits");
    }
    return bits;
  }

  private static byte[] signerVersion(HashAlgorithm hash) {
    return switch (hash) {
      case SHA1 -> new byte[] {1, 0};
      case SHA512 -> new byte[] {1, 1};
    };
  }

  private static long seconds(Instant timestamp) {
    long seconds = timestamp.getEpochSecond();
    if (seconds < 0 || seconds > MAX_TIMESTAMP) {
      throw new IllegalArgumentException("timestamp " + timestamp + " is outside what 32-bit Unix seconds can say");
    }
    return seconds;
  }
}
