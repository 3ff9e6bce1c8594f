package io.proxytftp.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Headers built byte by byte, each tag as docs/formats.md describes it. */
class HandBuiltHeaderTest {
  private static final byte[] BODY = "original".getBytes(StandardCharsets.UTF_8);

  @Test
  void everyHeaderTagIsRead() throws Exception {
    Tlv header = new Tlv()
        .element(28, 1, 1)
        .head(3, 38).string(4, "CN=signer;O=Org").element(5, 0x01, 0x02, 0x03).string(6, "CN=issuer")
        .head(7, 15).element(8, 1).head(9, 8).element(10, 0).element(11, 1)
        .element(12, new byte[128])
        .string(14, "SEP001122334455.cnf.xml")
        .element(15, 0x65, 0x53, 0xf1, 0x00)
        .raw(13, 13);
    byte[] bytes = Tlv.file(header, BODY);
    SignedFile file = SignedFile.parse(bytes);

    assertEquals(1, file.majorVersion());
    assertEquals(2, file.minorVersion());
    assertEquals(bytes.length - BODY.length, file.headerLength());
    assertEquals(Optional.of("1.1"), file.signerVersion());
    assertEquals("CN=signer;O=Org", file.signerName());
    assertArrayEquals(new byte[] {1, 2, 3}, file.serialNumber());
    assertEquals("CN=issuer", file.issuerName());
    assertEquals(1, file.hashAlgorithmCode());
    assertEquals(1024, file.modulusBits());
    assertArrayEquals(new byte[128], file.signature());
    assertEquals(Optional.of("SEP001122334455.cnf.xml"), file.fileName());
    assertEquals(Optional.of(Instant.ofEpochSecond(0x6553f100L)), file.timestamp());
    assertFalse(file.encrypted());
    assertArrayEquals(BODY, file.body());
  }

  @Test
  void encryptionTagsAreKeptInPlaceAndMarkTheFileEncrypted() throws Exception {
    Tlv header = Tlv.required();
    for (int tag = 16; tag <= 27; tag++) {
      header.element(tag, tag, 0xee);
    }
    byte[] bytes = Tlv.file(header, BODY);
    SignedFile file = SignedFile.parse(bytes);

    assertTrue(file.encrypted());
    assertArrayEquals(bytes, file.bytes());
    assertArrayEquals(BODY, file.body());
  }

  @Test
  void repeatedEncryptionTagsAreAccepted() throws Exception {
    SignedFile file = SignedFile.parse(Tlv.file(Tlv.required().element(20, 1).element(20, 2), BODY));

    assertTrue(file.encrypted());
  }

  @Test
  void unknownTagsOutsideTheEncryptionRangeAreSkippedAndDoNotMeanEncrypted() throws Exception {
    SignedFile file = SignedFile.parse(Tlv.file(Tlv.required().element(40, 1, 2, 3).element(255), BODY));

    assertFalse(file.encrypted());
    assertArrayEquals(BODY, file.body());
  }

  @Test
  void fileNameTimestampSignerVersionAndNamesAreOptional() throws Exception {
    Tlv header = new Tlv().element(5, 7).element(8, 3).element(12, 9, 9);
    SignedFile file = SignedFile.parse(Tlv.file(header, BODY));

    assertEquals(Optional.empty(), file.fileName());
    assertEquals(Optional.empty(), file.timestamp());
    assertEquals(Optional.empty(), file.signerVersion());
    assertEquals("", file.signerName());
    assertEquals("", file.issuerName());
    assertArrayEquals(BODY, file.body());
  }

  @Test
  void withoutTag11TheKeySizeIsTheSignatureSize() throws Exception {
    SignedFile file = SignedFile.parse(Tlv.file(new Tlv().element(5, 7).element(8, 3).element(12, new byte[64]),
        BODY));

    assertEquals(512, file.modulusBits());
  }

  @Test
  void paddingMayStandBetweenAnyElements() throws Exception {
    Tlv header = new Tlv().raw(13).element(5, 7).raw(13, 13).element(8, 3).raw(13).element(12, 1).raw(13);
    SignedFile file = SignedFile.parse(Tlv.file(header, BODY));

    assertArrayEquals(new byte[] {7}, file.serialNumber());
    assertArrayEquals(BODY, file.body());
  }

  @Test
  void stringsStopAtTheirFirstNul() throws Exception {
    Tlv header = Tlv.required().element(14, 'a', 0, 'b', 0);

    assertEquals(Optional.of("a"), SignedFile.parse(Tlv.file(header, BODY)).fileName());
  }

  @Test
  void timestampIsUnsigned() throws Exception {
    Tlv header = Tlv.required().element(15, 0xff, 0xff, 0xff, 0xff);

    assertEquals(Optional.of(Instant.ofEpochSecond(0xffffffffL)), SignedFile.parse(Tlv.file(header, BODY))
        .timestamp());
  }

  @Test
  void unknownHashCodeParsesButNeverVerifies() throws Exception {
    Tlv header = new Tlv().element(5, 7).element(8, 9).element(12, new byte[128]);
    SignedFile file = SignedFile.parse(Tlv.file(header, BODY));

    assertEquals(9, file.hashAlgorithmCode());
    assertFalse(file.verifiesWith(Keys.rsa(1024).getPublic()));
  }

  @Test
  void signatureMayStandAnywhereInTheHeader() throws Exception {
    Tlv header = new Tlv().element(12, 4, 4).string(14, "f").element(5, 7).element(8, 1);

    assertArrayEquals(new byte[] {4, 4}, SignedFile.parse(Tlv.file(header, BODY)).signature());
  }

  @Test
  void fileOfOnlyAHeaderHasAnEmptyBody() throws Exception {
    SignedFile file = SignedFile.parse(Tlv.file(Tlv.required(), new byte[0]));

    assertEquals(0, file.body().length);
    assertEquals(file.bytes().length, file.bodyOffset());
  }
}
