package io.proxytftp.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Files not made by the gateway's writer: openssl signed them and a script laid out the bytes
 * (src/test/resources/io/proxytftp/signing/make-vector.sh). They pin the layout and the signature coverage
 * to something other than our own reading of them.
 */
class OpensslVectorTest {
  private static final String NAME = "C=NZ;O=Example Vector;OU=Voice;CN=vector-signer";

  @Test
  void sha512FileVerifiesWithItsCertificateAndStripsToTheOriginal() throws Exception {
    SignedFile file = SignedFile.parse(resource("vector-sha512.sgn"));

    assertTrue(file.verifiesWith(certificate()));
    assertArrayEquals(resource("vector-body.xml"), file.body());
    assertEquals(3, file.hashAlgorithmCode());
  }

  @Test
  void sha1FileVerifiesWithItsCertificate() throws Exception {
    SignedFile file = SignedFile.parse(resource("vector-sha1.sgn"));

    assertTrue(file.verifiesWith(certificate()));
    assertArrayEquals(resource("vector-body.xml"), file.body());
  }

  @ParameterizedTest
  @CsvSource({
      "vector-code2-sha256.sgn, 2", "vector-code2-sha512.sgn, 2",
      "vector-code3-sha384.sgn, 3", "vector-code4-sha512.sgn, 4"})
  void everyReadingOfAnAmbiguousHashCodeVerifies(String vector, int code) throws Exception {
    SignedFile file = SignedFile.parse(resource(vector));

    assertEquals(code, file.hashAlgorithmCode());
    assertTrue(file.verifiesWith(certificate()));
    assertArrayEquals(resource("vector-body.xml"), file.body());
  }

  @Test
  void vectorDoesNotVerifyWithAnotherKey() throws Exception {
    assertFalse(SignedFile.parse(resource("vector-sha512.sgn")).verifiesWith(Keys.rsa(2048).getPublic()));
  }

  @Test
  void headerNamesTheOpensslCertificateAsTheGatewayWould() throws Exception {
    SignedFile file = SignedFile.parse(resource("vector-sha512.sgn"));

    assertEquals(NAME, file.signerName());
    assertEquals(NAME, Certificates.name(certificate().getSubjectX500Principal()));
    assertArrayEquals(Certificates.serialNumber(certificate()), file.serialNumber());
    assertEquals(Optional.of("SEP001122334455.cnf.xml"), file.fileName());
    assertEquals(Optional.of(Instant.ofEpochSecond(1_700_000_000)), file.timestamp());
    assertEquals(2048, file.modulusBits());
  }

  @Test
  void writerLaysOutTheSameHeaderAsTheScript() throws Exception {
    byte[] vector = resource("vector-sha512.sgn");
    SignedFile expected = SignedFile.parse(vector);
    // The script's key is gone: sign with another of the same size, so that only the signature differs.
    SignedFile written = SignedFile.parse(SignedFileWriter.sign(expected.body(), "SEP001122334455.cnf.xml",
        Keys.rsa(2048).getPrivate(), certificate(), HashAlgorithm.SHA512, Instant.ofEpochSecond(1_700_000_000)));
    byte[] ours = written.bytes();
    int signature = Tlv.indexOf(ours, written.signature());
    System.arraycopy(expected.signature(), 0, ours, signature, 256);

    assertArrayEquals(vector, ours);
  }

  @Test
  void handMadeItlVerifiesWithItsSastRecord() throws Exception {
    TrustList list = TrustList.parse(resource("vector-itl.tlv"));

    assertTrue(list.verifies());
    assertEquals(Optional.of(certificate()), list.signer());
    assertEquals(Optional.of("1.1"), list.header().signerVersion());
    assertEquals(List.of(Optional.of(TrustFunction.SAST), Optional.of(TrustFunction.TFTP),
        Optional.of(TrustFunction.TVS)), list.records().stream().map(TrustRecord::function).toList());
    TrustRecord tvs = list.records().get(2);
    assertEquals(Optional.of("tvs.example.com"), tvs.dnsName());
    assertEquals(NAME, tvs.subjectName());
    assertEquals(NAME, tvs.issuerName());
    assertArrayEquals(new byte[] {0x5a, 0x17, (byte) 0xc0, (byte) 0xde, 0x01}, tvs.serialNumber());
  }

  private static X509Certificate certificate() throws CertificateException {
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(resource("vector-cert.pem")));
  }

  private static byte[] resource(String name) {
    try (InputStream in = OpensslVectorTest.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
