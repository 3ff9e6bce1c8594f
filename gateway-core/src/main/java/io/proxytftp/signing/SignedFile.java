package io.proxytftp.signing;

import io.proxytftp.signing.TlvReader.Element;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * A Cisco signed file ({@code .sgn}, {@code .enc.sgn}), or the header of a trust list, as a phone reads it:
 * a header signed with the rest of the file, then the original file unchanged. The gateway needs the
 * header to know who signed a file and whether the signature holds, and the body to serve a phone that asks
 * for the file without its signature.
 *
 * <p>Immutable: the bytes are copied in and every array is copied out, so one parsed file can be shared
 * between transfers. Encryption tags (16 to 27) and tags this parser does not know stay in {@link #bytes()}
 * exactly as they came; the gateway can pass an encrypted file on, not read its body.
 */
public final class SignedFile {
  private final byte[] bytes;
  private final Header header;

  private SignedFile(byte[] bytes, Header header) {
    this.bytes = bytes;
    this.header = header;
  }

  /**
   * Reads the header of a signed file or trust list.
   *
   * @throws SignedFileException if the header is truncated, its lengths do not add up, or it lacks the
   *     version, header length, serial number, hash algorithm or signature
   */
  public static SignedFile parse(byte[] bytes) throws SignedFileException {
    byte[] copy = bytes.clone();
    return new SignedFile(copy, HeaderParser.parse(copy));
  }

  public int majorVersion() {
    return header.majorVersion();
  }

  public int minorVersion() {
    return header.minorVersion();
  }

  /** The header's size including the signature: where the original file starts. */
  public int headerLength() {
    return header.length();
  }

  /** The signer's subject as {@code CN=x;OU=y;O=z}; empty if the header names none. */
  public String signerName() {
    return header.signerName();
  }

  /** The signer certificate's serial number, big-endian, as the header has it. */
  public byte[] serialNumber() {
    return header.serialNumber().clone();
  }

  /** The signer certificate's issuer as {@code CN=x;OU=y;O=z}; empty if the header names none. */
  public String issuerName() {
    return header.issuerName();
  }

  /** Tag 8 as written, whose meaning depends on the tool that wrote it: see {@link HashAlgorithm}. */
  public int hashAlgorithmCode() {
    return header.hashAlgorithmCode();
  }

  /** The key size tag 11 declares, or if there is no tag 11, the signature's size in bits. */
  public int modulusBits() {
    return header.modulusBits();
  }

  public byte[] signature() {
    Element signature = header.signature();
    return Arrays.copyOfRange(bytes, signature.valueOffset(), signature.end());
  }

  public Optional<String> fileName() {
    return header.fileName();
  }

  public Optional<Instant> timestamp() {
    return header.timestamp();
  }

  /** Tag 28 of a trust list as {@code major.minor}; phones read 1.1 and above as "newer algorithms". */
  public Optional<String> signerVersion() {
    return header.signerVersion();
  }

  /** Whether the header carries encryption tags (16 to 27): the body is then for one phone only. */
  public boolean encrypted() {
    return header.encrypted();
  }

  /** The whole file. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The original file, unchanged: what stripping the signature gives. */
  public byte[] body() {
    return Arrays.copyOfRange(bytes, bodyOffset(), bytes.length);
  }

  public int bodyOffset() {
    return header.length();
  }

  /**
   * Whether the signature holds for this key: RSA PKCS#1 v1.5 over the whole file less the tag-12 element,
   * with each digest the header's hash code may mean ({@link HashAlgorithm#verificationAlgorithms(int)}).
   * A key of another kind or size is simply false.
   */
  public boolean verifiesWith(PublicKey key) {
    return HashAlgorithm.verificationAlgorithms(header.hashAlgorithmCode()).stream()
        .anyMatch(algorithm -> verifiesWith(key, algorithm));
  }

  public boolean verifiesWith(X509Certificate certificate) {
    return verifiesWith(certificate.getPublicKey());
  }

  private boolean verifiesWith(PublicKey key, String algorithm) {
    Element signature = header.signature();
    try {
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(key);
      verifier.update(bytes, 0, signature.offset());
      verifier.update(bytes, signature.end(), bytes.length - signature.end());
      return verifier.verify(bytes, signature.valueOffset(), signature.length());
    } catch (GeneralSecurityException e) {
      // Not an RSA key, or a signature whose length does not match the key's: it does not verify.
      return false;
    }
  }
}
