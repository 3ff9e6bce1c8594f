package io.proxytftp.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TrustListTest {
  private static final Instant TIMESTAMP = Instant.parse("2026-03-01T12:00:00Z");
  private static final String SIGNER = "C=NZ;ST=Wellington;L=Te Aro;O=Example;OU=Voice;CN=tftp.example.com";

  @ParameterizedTest
  @EnumSource(HashAlgorithm.class)
  void sastAndTftpRolesForOneCertificateGiveTwoRecordsAndVerify(HashAlgorithm hash) throws Exception {
    KeyPair keys = Keys.rsa(2048);
    TrustList list = TrustList.parse(selfSignedList(keys, hash, TrustFunction.SAST, TrustFunction.TFTP));

    assertEquals(2, list.records().size());
    assertEquals(Optional.of(TrustFunction.SAST), list.records().get(0).function());
    assertEquals(Optional.of(TrustFunction.TFTP), list.records().get(1).function());
    assertEquals(Optional.of(Keys.selfSigned(keys)), list.signer());
    assertTrue(list.verifies());
    assertEquals(Optional.of(hash == HashAlgorithm.SHA1 ? "1.0" : "1.1"), list.header().signerVersion());
    assertEquals(hash.code(), list.header().hashAlgorithmCode());
    assertEquals(Optional.of("ITLFile.tlv"), list.header().fileName());
  }

  @Test
  void recordsNameTheCertificateAsCertutilsDoes() throws Exception {
    KeyPair keys = Keys.rsa(1024);
    TrustRecord record = TrustList.parse(selfSignedList(keys, HashAlgorithm.SHA512, TrustFunction.CCM_TFTP))
        .records().get(0);

    assertEquals(new TrustRecord(Optional.empty(), SIGNER, Optional.of(TrustFunction.CCM_TFTP), 2, SIGNER,
        new byte[] {0x12, 0x34, 0x56, 0x78}, Optional.of(Keys.selfSigned(keys))), record);
  }

  @Test
  void recordsCarryTheElementsCertutilsWritesInItsOrder() throws Exception {
    X509Certificate certificate = Keys.selfSigned(Keys.rsa(1024));
    byte[] bytes = selfSignedList(Keys.rsa(1024), HashAlgorithm.SHA512, TrustFunction.SAST);
    int records = SignedFile.parse(bytes).bodyOffset();

    assertEquals(List.of(List.of(1, 3, 4, 5, 6, 7, 8, 9)), Tlv.recordTags(bytes, records));
    assertArrayEquals(SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded()).getPublicKeyData()
        .getBytes(), Tlv.valueOf(bytes, records, 7));
    assertArrayEquals(certificate.getSignature(), Tlv.valueOf(bytes, records, 8));
    assertArrayEquals(certificate.getEncoded(), Tlv.valueOf(bytes, records, 9));
  }

  @Test
  void ecCertificateRecordCarriesItsUncompressedPoint() throws Exception {
    KeyPair signer = Keys.rsa(1024);
    KeyPair ec = Keys.ec();
    X509Certificate ecCertificate = Keys.certificate(ec, "CN=ec", BigInteger.TEN, ec, "CN=ec");
    byte[] bytes = build(signer, List.of(Map.entry(Keys.selfSigned(signer), TrustFunction.SAST),
        Map.entry(ecCertificate, TrustFunction.TVS)));
    TrustList list = TrustList.parse(bytes);
    int second = Tlv.recordStarts(bytes, list.header().bodyOffset()).get(1);

    assertArrayEquals(SubjectPublicKeyInfo.getInstance(ec.getPublic().getEncoded()).getPublicKeyData().getBytes(),
        Tlv.valueOf(bytes, second, 7));
    assertEquals(Optional.of(ecCertificate), list.records().get(1).certificate());
    assertTrue(list.verifies());
  }

  @Test
  void tamperedListDoesNotVerify() throws Exception {
    KeyPair keys = Keys.rsa(1024);
    byte[] bytes = selfSignedList(keys, HashAlgorithm.SHA512, TrustFunction.SAST, TrustFunction.TFTP);
    int second = Tlv.recordStarts(bytes, SignedFile.parse(bytes).bodyOffset()).get(1);
    bytes[Tlv.valueOffset(bytes, second, 4) + 1] = (byte) TrustFunction.CAPF.code();
    TrustList list = TrustList.parse(bytes);

    assertEquals(Optional.of(TrustFunction.CAPF), list.records().get(1).function());
    assertEquals(Optional.of(Keys.selfSigned(keys)), list.signer());
    assertFalse(list.verifies());
  }

  @Test
  void listWhoseHeaderSerialMatchesNoSastRecordHasNoSignerAndDoesNotVerify() throws Exception {
    KeyPair keys = Keys.rsa(1024);
    KeyPair other = Keys.freshRsa(1024);
    X509Certificate otherCertificate = Keys.certificate(other, "CN=other", BigInteger.TWO, other, "CN=other");
    TrustList list = TrustList.parse(build(keys, List.of(Map.entry(otherCertificate, TrustFunction.SAST))));

    assertEquals(Optional.empty(), list.signer());
    assertFalse(list.verifies());
  }

  @Test
  void signersCertificateInAnotherRoleIsNotTheSigner() throws Exception {
    TrustList list = TrustList.parse(selfSignedList(Keys.rsa(1024), HashAlgorithm.SHA512, TrustFunction.TFTP));

    assertEquals(Optional.empty(), list.signer());
    assertFalse(list.verifies());
  }

  @Test
  void listOverSixtyFourKilobytesIsRefused() {
    KeyPair keys = Keys.rsa(2048);
    X509Certificate certificate = Keys.selfSigned(keys);
    List<Map.Entry<X509Certificate, TrustFunction>> records =
        Collections.nCopies(60, Map.entry(certificate, TrustFunction.CCM));

    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> TrustList.build(records,
        keys.getPrivate(), certificate, HashAlgorithm.SHA512, "ITLFile.tlv", TIMESTAMP));
    assertTrue(refused.getMessage().contains("phones fail on trust lists over 65535 bytes"), refused.getMessage());
  }

  @Test
  void listOfExactlyWhatPhonesAcceptIsBuilt() throws Exception {
    KeyPair keys = Keys.rsa(2048);
    X509Certificate certificate = Keys.selfSigned(keys);
    byte[] one = selfSignedList(keys, HashAlgorithm.SHA1, TrustFunction.SAST);
    int header = SignedFile.parse(one).bodyOffset();
    int records = (0xffff - header) / (one.length - header);
    byte[] bytes = TrustList.build(Collections.nCopies(records, Map.entry(certificate, TrustFunction.SAST)),
        keys.getPrivate(), certificate, HashAlgorithm.SHA1, "ITLFile.tlv", TIMESTAMP);

    assertTrue(bytes.length <= 0xffff && bytes.length > 0xffff - (one.length - header));
    assertEquals(records, TrustList.parse(bytes).records().size());
  }

  @Test
  void certificateTooLargeForItsRecordIsRefused() throws Exception {
    KeyPair keys = Keys.rsa(1024);
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=huge"), BigInteger.ONE,
        new Date(), new Date(), new X500Name("CN=huge"), keys.getPublic());
    X509Certificate huge = Keys.build(builder.addExtension(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"), false,
        new DEROctetString(new byte[70_000])), keys);

    assertThrows(IllegalArgumentException.class, () -> TrustList.build(List.of(Map.entry(huge,
        TrustFunction.SAST)), keys.getPrivate(), Keys.selfSigned(keys), HashAlgorithm.SHA1, "ITL", TIMESTAMP));
  }

  @Test
  void handBuiltListWithSeveralRecordsIncludingAnUnknownFunctionParses() throws Exception {
    KeyPair keys = Keys.rsa(1024);
    X509Certificate certificate = Keys.selfSigned(keys);
    Tlv records = new Tlv()
        .raw(Tlv.record(new Tlv().string(3, "CN=sast").element(4, 0, 0).string(5, "CN=ca").element(6, 0x12, 0x34)
            .element(9, certificate.getEncoded())).bytes())
        .raw(Tlv.record(new Tlv().string(2, "cucm.example.com").string(3, "CN=cucm").element(4, 0, 2)
            .element(6, 0x01).element(10, 192, 0, 2, 1).element(11, new byte[20]).element(12, 1)).bytes())
        .raw(Tlv.record(new Tlv().element(4, 0, 99).string(3, "CN=future").element(40, 1, 2, 3)).bytes());
    Tlv header = Tlv.required().element(28, 1, 0);
    TrustList list = TrustList.parse(Tlv.file(header, records.bytes()));

    assertEquals(3, list.records().size());
    TrustRecord sast = list.records().get(0);
    assertEquals(Optional.of(certificate), sast.certificate());
    assertEquals("CN=ca", sast.issuerName());
    TrustRecord cucm = list.records().get(1);
    assertEquals(Optional.of("cucm.example.com"), cucm.dnsName());
    assertEquals(Optional.of(TrustFunction.CCM_TFTP), cucm.function());
    assertEquals(Optional.empty(), cucm.certificate());
    TrustRecord future = list.records().get(2);
    assertEquals(Optional.empty(), future.function());
    assertEquals(99, future.functionCode());
    assertEquals("CN=future", future.subjectName());
    assertEquals("", future.issuerName());
    assertArrayEquals(new byte[0], future.serialNumber());
    assertEquals(Optional.of("1.0"), list.header().signerVersion());
  }

  @Test
  void serialsMatchWithOrWithoutASignByte() throws Exception {
    KeyPair keys = Keys.rsa(1024);
    X509Certificate certificate = Keys.selfSigned(keys);
    Tlv records = Tlv.record(new Tlv().element(4, 0, 0).element(6, 0, 0x0a, 0x0b).element(9, certificate.getEncoded()));

    assertEquals(Optional.of(certificate), TrustList.parse(Tlv.file(Tlv.required(), records.bytes())).signer());
  }

  @Test
  void listWithoutRecordsParsesAndDoesNotVerify() throws Exception {
    TrustList list = TrustList.parse(Tlv.file(Tlv.required(), new byte[0]));

    assertEquals(List.of(), list.records());
    assertFalse(list.verifies());
  }

  @Test
  void recordRefusesAFunctionThatContradictsItsCode() {
    assertThrows(IllegalArgumentException.class, () -> new TrustRecord(Optional.empty(), "", Optional.of(
        TrustFunction.SAST), 3, "", new byte[0], Optional.empty()));
  }

  /** A list of the self-signed certificate of {@code keys} in each function, signed by it. */
  private static byte[] selfSignedList(KeyPair keys, HashAlgorithm hash, TrustFunction... functions)
      throws Exception {
    X509Certificate certificate = Keys.selfSigned(keys);
    return TrustList.build(Arrays.stream(functions).map(function -> Map.entry(certificate, function)).toList(),
        keys.getPrivate(), certificate, hash, "ITLFile.tlv", TIMESTAMP);
  }

  /** A SHA-512 list signed by the self-signed certificate of {@code keys}. */
  private static byte[] build(KeyPair keys, List<Map.Entry<X509Certificate, TrustFunction>> records)
      throws Exception {
    return TrustList.build(records, keys.getPrivate(), Keys.selfSigned(keys), HashAlgorithm.SHA512, "ITLFile.tlv",
        TIMESTAMP);
  }

}
