package io.proxytftp.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SignedFileWriterTest {
  private static final Instant TIMESTAMP = Instant.parse("2026-03-01T12:00:00Z");
  private static final byte[] BODY = "<device><loadInformation>P00308010200</loadInformation></device>\n"
      .getBytes(StandardCharsets.UTF_8);

  static Stream<Arguments> keySizesAndHashes() {
    return Stream.of(1024, 2048, 4096)
        .flatMap(bits -> Arrays.stream(HashAlgorithm.values()).map(hash -> Arguments.of(bits, hash)));
  }

  @ParameterizedTest
  @MethodSource("keySizesAndHashes")
  void signedFileVerifiesWithItsCertificateAndNotWithAnotherKey(int bits, HashAlgorithm hash) throws Exception {
    KeyPair keys = Keys.rsa(bits);
    SignedFile file = SignedFile.parse(sign(BODY, keys, hash));

    assertTrue(file.verifiesWith(Keys.selfSigned(keys)));
    assertFalse(file.verifiesWith(Keys.freshRsa(bits).getPublic()));
    assertArrayEquals(BODY, file.body());
    assertEquals(hash.code(), file.hashAlgorithmCode());
    assertEquals(bits, file.modulusBits());
    assertEquals(bits / 8, file.signature().length);
  }

  @Test
  void strippedBodyIsTheOriginalBytesUnchanged() throws Exception {
    byte[] body = new byte[1000];
    for (int i = 0; i < body.length; i++) {
      body[i] = (byte) i;
    }
    byte[] signed = sign(body, Keys.rsa(2048), HashAlgorithm.SHA512);
    SignedFile file = SignedFile.parse(signed);

    assertArrayEquals(body, file.body());
    assertArrayEquals(body, Arrays.copyOfRange(signed, file.bodyOffset(), signed.length));
    assertEquals(file.headerLength(), file.bodyOffset());
    assertArrayEquals(signed, file.bytes());
  }

  @Test
  void emptyFileSignsAndStripsToNothing() throws Exception {
    SignedFile file = SignedFile.parse(sign(new byte[0], Keys.rsa(1024), HashAlgorithm.SHA1));

    assertEquals(0, file.body().length);
    assertTrue(file.verifiesWith(Keys.selfSigned(Keys.rsa(1024))));
  }

  @Test
  void headerNamesSignerIssuerSerialFileAndTimestampAsCertutilsDoes() throws Exception {
    KeyPair ca = Keys.rsa(1024);
    KeyPair signer = Keys.rsa(2048);
    // The high bit set: DER adds a sign byte, which the header leaves out.
    X509Certificate certificate = Keys.certificate(signer, Keys.SUBJECT + ",E=admin@example.com",
        new BigInteger("80a1", 16), ca, "O=Example CA,CN=Example Root");
    SignedFile file = SignedFile.parse(SignedFileWriter.sign(BODY, "SEP001122334455.cnf.xml", signer.getPrivate(),
        certificate, HashAlgorithm.SHA512, TIMESTAMP));

    assertEquals(1, file.majorVersion());
    assertEquals(2, file.minorVersion());
    assertEquals("C=NZ;ST=Wellington;L=Te Aro;O=Example;OU=Voice;CN=tftp.example.com", file.signerName());
    assertEquals("O=Example CA;CN=Example Root", file.issuerName());
    assertArrayEquals(new byte[] {(byte) 0x80, (byte) 0xa1}, file.serialNumber());
    assertEquals(Optional.of("SEP001122334455.cnf.xml"), file.fileName());
    assertEquals(Optional.of(TIMESTAMP), file.timestamp());
    assertEquals(Optional.empty(), file.signerVersion());
    assertFalse(file.encrypted());
    assertTrue(file.verifiesWith(certificate));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a", "ab", "abc", "abcd", "SEPAABBCCDDEEFF.cnf.xml"})
  void headerLengthIsAMultipleOfFour(String fileName) throws Exception {
    KeyPair keys = Keys.rsa(1024);
    byte[] signed = SignedFileWriter.sign(BODY, fileName, keys.getPrivate(), Keys.selfSigned(keys),
        HashAlgorithm.SHA1, TIMESTAMP);
    SignedFile file = SignedFile.parse(signed);

    assertEquals(0, file.headerLength() % 4);
    assertEquals(Optional.of(fileName), file.fileName());
  }

  @Test
  void headerElementsStandInCertutilsOrderThenPadding() throws Exception {
    List<Integer> tags = Tlv.headerTags(sign(BODY, Keys.rsa(1024), HashAlgorithm.SHA512));

    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15), tags.subList(0, 14));
    assertTrue(tags.subList(14, tags.size()).stream().allMatch(tag -> tag == 13), tags::toString);
  }

  @Test
  void signatureIsPkcs1OverTheWholeFileLessTheSignatureElement() throws Exception {
    KeyPair keys = Keys.rsa(2048);
    byte[] signed = sign(BODY, keys, HashAlgorithm.SHA512);
    byte[] signature = SignedFile.parse(signed).signature();
    int element = Tlv.indexOf(signed, signature) - 3;
    byte[] covered = new byte[signed.length - 3 - signature.length];
    System.arraycopy(signed, 0, covered, 0, element);
    System.arraycopy(signed, element + 3 + signature.length, covered, element, covered.length - element);

    Signature verifier = Signature.getInstance("SHA512withRSA");
    verifier.initVerify(keys.getPublic());
    verifier.update(covered);
    assertTrue(verifier.verify(signature));
    assertEquals(12, signed[element]);
  }

  @Test
  void flippedBodyByteFailsVerification() throws Exception {
    KeyPair keys = Keys.rsa(1024);
    byte[] signed = sign(BODY, keys, HashAlgorithm.SHA1);
    signed[signed.length - 5] ^= 1;

    assertFalse(SignedFile.parse(signed).verifiesWith(keys.getPublic()));
  }

  @Test
  void flippedHeaderByteFailsVerification() throws Exception {
    KeyPair keys = Keys.rsa(1024);
    byte[] signed = sign(BODY, keys, HashAlgorithm.SHA512);
    signed[Tlv.indexOf(signed, "tftp.example.com".getBytes(StandardCharsets.UTF_8))] ^= 1;
    SignedFile file = SignedFile.parse(signed);

    assertEquals("C=NZ;ST=Wellington;L=Te Aro;O=Example;OU=Voice;CN=uftp.example.com", file.signerName());
    assertFalse(file.verifiesWith(keys.getPublic()));
  }

  @Test
  void keyOfAnotherKindDoesNotVerifyAndDoesNotThrow() throws Exception {
    SignedFile file = SignedFile.parse(sign(BODY, Keys.rsa(1024), HashAlgorithm.SHA512));

    assertFalse(file.verifiesWith(Keys.ec().getPublic()));
    assertFalse(file.verifiesWith(Keys.rsa(2048).getPublic()));
  }

  @Test
  void keySizesTag11CannotSayAreRefused() {
    KeyPair keys = Keys.freshRsa(1536);

    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> sign(BODY, keys,
        HashAlgorithm.SHA1));
    assertTrue(refused.getMessage().contains("1536"), refused.getMessage());
  }

  @Test
  void nonRsaKeyIsRefused() {
    KeyPair keys = Keys.ec();

    assertThrows(InvalidKeyException.class, () -> sign(BODY, keys, HashAlgorithm.SHA512));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1969-12-31T23:59:59Z", "2106-02-07T06:28:16Z"})
  void timestampsOutsideUnsigned32BitSecondsAreRefused(String timestamp) {
    KeyPair keys = Keys.rsa(1024);

    assertThrows(IllegalArgumentException.class, () -> SignedFileWriter.sign(BODY, "a", keys.getPrivate(),
        Keys.selfSigned(keys), HashAlgorithm.SHA1, Instant.parse(timestamp)));
  }

  @Test
  void fileNameWithANulIsRefused() {
    KeyPair keys = Keys.rsa(1024);

    assertThrows(IllegalArgumentException.class, () -> SignedFileWriter.sign(BODY, "a\0b", keys.getPrivate(),
        Keys.selfSigned(keys), HashAlgorithm.SHA1, TIMESTAMP));
  }

  @Test
  void headerThatWouldOverflowItsSixteenBitLengthIsRefused() {
    KeyPair keys = Keys.rsa(2048);
    String fileName = "f".repeat(65_400);

    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> SignedFileWriter.sign(
        BODY, fileName, keys.getPrivate(), Keys.selfSigned(keys), HashAlgorithm.SHA1, TIMESTAMP));
    assertTrue(refused.getMessage().contains("header"), refused.getMessage());
  }

  @Test
  void writtenFileIsUnchangedByParsing() throws Exception {
    byte[] signed = sign(BODY, Keys.rsa(1024), HashAlgorithm.SHA512);
    byte[] copy = signed.clone();
    SignedFile file = SignedFile.parse(signed);
    signed[0] = 99;

    assertArrayEquals(copy, file.bytes());
  }

  @ParameterizedTest
  @EnumSource(HashAlgorithm.class)
  void eachHashSignsUnderItsOwnCode(HashAlgorithm hash) throws Exception {
    SignedFile file = SignedFile.parse(sign(BODY, Keys.rsa(1024), hash));

    assertEquals(hash == HashAlgorithm.SHA1 ? 1 : 3, file.hashAlgorithmCode());
  }

  static byte[] sign(byte[] body, KeyPair keys, HashAlgorithm hash) throws Exception {
    return SignedFileWriter.sign(body, "SEP001122334455.cnf.xml", keys.getPrivate(), Keys.selfSigned(keys), hash,
        TIMESTAMP);
  }
}
