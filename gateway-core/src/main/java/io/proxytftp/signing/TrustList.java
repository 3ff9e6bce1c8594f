package io.proxytftp.signing;

import static io.proxytftp.signing.Tags.RECORD_CERTIFICATE;
import static io.proxytftp.signing.Tags.RECORD_CERTIFICATE_SIGNATURE;
import static io.proxytftp.signing.Tags.RECORD_DNS_NAME;
import static io.proxytftp.signing.Tags.RECORD_FUNCTION;
import static io.proxytftp.signing.Tags.RECORD_ISSUER_NAME;
import static io.proxytftp.signing.Tags.RECORD_LENGTH;
import static io.proxytftp.signing.Tags.RECORD_PUBLIC_KEY;
import static io.proxytftp.signing.Tags.RECORD_SERIAL_NUMBER;
import static io.proxytftp.signing.Tags.RECORD_SUBJECT_NAME;

import io.proxytftp.signing.TlvReader.Element;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An Initial Trust List or Certificate Trust List ({@code .tlv}): the certificates a phone trusts and for
 * what. The gateway reads lists to learn which certificate signs a cluster's files, and builds lists so that
 * phones trust the gateway's own certificate.
 *
 * <p>Phones fail on a list over 64 KB (about 39 certificates), so {@link #build} refuses to make one.
 */
public final class TrustList {
  private static final int MAX_LENGTH = 0xffff;
  private static final Set<Integer> SINGLE_RECORD_TAGS = Set.of(RECORD_DNS_NAME, RECORD_SUBJECT_NAME,
      RECORD_FUNCTION, RECORD_ISSUER_NAME, RECORD_SERIAL_NUMBER, RECORD_CERTIFICATE);

  private final SignedFile header;
  private final List<TrustRecord> records;

  private TrustList(SignedFile header, List<TrustRecord> records) {
    this.header = header;
    this.records = List.copyOf(records);
  }

  /**
   * Reads the header and every record.
   *
   * @throws SignedFileException if the header is malformed (see {@link SignedFile#parse}), a record's
   *     length does not add up, a record has no function, or a certificate is not DER X.509
   */
  public static TrustList parse(byte[] bytes) throws SignedFileException {
    SignedFile header = SignedFile.parse(bytes);
    byte[] list = header.bytes();
    TlvReader file = new TlvReader(list, header.bodyOffset(), list.length, "the file", Set.of());
    List<TrustRecord> records = new ArrayList<>();
    while (!file.atEnd()) {
      Element length = file.next();
      if (length.tag() != RECORD_LENGTH) {
        throw new SignedFileException("tag " + length.tag() + " at offset " + length.offset()
            + " stands where a record must begin with tag 1 (record length)");
      }
      int recordLength = file.uint16(length, "record length");
      int end = length.offset() + recordLength;
      if (end < length.end()) {
        throw new SignedFileException("tag 1 (record length) at offset " + length.offset() + " says " + recordLength
            + " bytes, fewer than the " + (length.end() - length.offset()) + " of tag 1 itself");
      }
      if (end > list.length) {
        throw new SignedFileException("tag 1 (record length) at offset " + length.offset() + " says " + recordLength
            + " bytes but the file ends at " + list.length);
      }
      records.add(record(new TlvReader(list, length.end(), end, "the record", SINGLE_RECORD_TAGS), length));
      file.moveTo(end);
    }
    return new TrustList(header, records);
  }

  private static TrustRecord record(TlvReader reader, Element start) throws SignedFileException {
    Optional<String> dnsName = Optional.empty();
    String subjectName = "";
    int functionCode = -1;
    String issuerName = "";
    byte[] serialNumber = new byte[0];
    Optional<X509Certificate> certificate = Optional.empty();
    while (!reader.atEnd()) {
      Element element = reader.next();
      switch (element.tag()) {
        case RECORD_DNS_NAME -> dnsName = Optional.of(reader.string(element, "DNS name"));
        case RECORD_SUBJECT_NAME -> subjectName = reader.string(element, "subject name");
        case RECORD_FUNCTION -> functionCode = reader.uint16(element, "function");
        case RECORD_ISSUER_NAME -> issuerName = reader.string(element, "issuer name");
        case RECORD_SERIAL_NUMBER -> serialNumber = reader.value(element);
        case RECORD_CERTIFICATE -> certificate = Optional.of(certificate(reader.value(element), element));
        // Public key, certificate signature, IP address, certificate hash: repeated from the certificate.
        default -> { }
      }
    }
    if (functionCode < 0) {
      throw new SignedFileException("the record at offset " + start.offset() + " has no tag 4 (function)");
    }
    return new TrustRecord(dnsName, subjectName, TrustFunction.fromCode(functionCode), functionCode, issuerName,
        serialNumber, certificate);
  }

  private static X509Certificate certificate(byte[] der, Element element) throws SignedFileException {
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException e) {
      throw new SignedFileException("tag 9 (certificate) at offset " + element.offset()
          + " is not an X.509 certificate: " + e.getMessage(), e);
    }
  }

  /** The header, whose signature covers the records. */
  public SignedFile header() {
    return header;
  }

  public List<TrustRecord> records() {
    return records;
  }

  /** The certificate of the SAST record whose serial is the header's: the one the list must verify with. */
  public Optional<X509Certificate> signer() {
    byte[] serialNumber = header.serialNumber();
    return records.stream()
        .filter(record -> record.function().equals(Optional.of(TrustFunction.SAST)))
        .filter(record -> Certificates.sameSerial(record.serialNumber(), serialNumber))
        .flatMap(record -> record.certificate().stream())
        .findFirst();
  }

  /** Whether the list is signed by its own SAST certificate; a list without one does not verify. */
  public boolean verifies() {
    return signer().map(header::verifiesWith).orElse(false);
  }

  /**
   * Builds a signed trust list: header version 1.2 with signer version 1.0 for SHA-1 or 1.1 for SHA-512,
   * then one record per entry, in order, with tags 1, 3 to 9 as certutils writes them. The caller includes
   * the SAST record for {@code signerCertificate}; without it phones cannot verify the list.
   *
   * @throws IllegalArgumentException if the list would exceed 65535 bytes (phones fail on it), a record or
   *     the header would overflow its 16-bit length, or the key size or timestamp cannot be written (see
   *     {@link SignedFileWriter#sign})
   */
  public static byte[] build(List<Map.Entry<X509Certificate, TrustFunction>> records, PrivateKey key,
      X509Certificate signerCertificate, HashAlgorithm hash, String fileName, Instant timestamp)
      throws GeneralSecurityException {
    TlvWriter body = new TlvWriter();
    for (Map.Entry<X509Certificate, TrustFunction> entry : records) {
      record(body, entry.getKey(), entry.getValue());
    }
    HeaderWriter header = HeaderWriter.trustList(signerCertificate, key, hash, fileName, timestamp);
    int length = header.length() + body.size();
    if (length > MAX_LENGTH) {
      throw new IllegalArgumentException("a trust list of " + records.size() + " records would be " + length
          + " bytes; phones fail on trust lists over " + MAX_LENGTH + " bytes");
    }
    return header.sign(body.toByteArray());
  }

  private static void record(TlvWriter body, X509Certificate certificate, TrustFunction function)
      throws GeneralSecurityException {
    TlvWriter elements = new TlvWriter()
        .string(RECORD_SUBJECT_NAME, Certificates.name(certificate.getSubjectX500Principal()))
        .uint16(RECORD_FUNCTION, function.code())
        .string(RECORD_ISSUER_NAME, Certificates.name(certificate.getIssuerX500Principal()))
        .element(RECORD_SERIAL_NUMBER, Certificates.serialNumber(certificate))
        .element(RECORD_PUBLIC_KEY, Certificates.publicKey(certificate.getPublicKey()))
        .element(RECORD_CERTIFICATE_SIGNATURE, certificate.getSignature())
        .element(RECORD_CERTIFICATE, certificate.getEncoded());
    int length = TlvReader.ELEMENT_OVERHEAD + 2 + elements.size();
    if (length > MAX_LENGTH) {
      throw new IllegalArgumentException("the record for " + certificate.getSubjectX500Principal() + " would be "
          + length + " bytes, more than its 16-bit record length can say");
    }
    body.uint16(RECORD_LENGTH, length).raw(elements.toByteArray());
  }
}
