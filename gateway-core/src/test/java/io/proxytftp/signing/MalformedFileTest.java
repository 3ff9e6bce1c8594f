package io.proxytftp.signing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every structural fault gives a SignedFileException whose message says which tag at which offset. */
class MalformedFileTest {
  private static final byte[] BODY = {'b', 'o', 'd', 'y'};

  @Test
  void emptyFileHasNoVersion() {
    assertRejected(new byte[0], "the file ends at offset 0, where tag 1 (version) must stand");
  }

  @Test
  void fileOfOneByteHasNoRoomForTheVersionLength() {
    assertRejected(new byte[] {1}, "tag 1 at offset 0 has no room for its length before the file ends at 1");
  }

  @Test
  void versionCutShortByTheEndOfTheFile() {
    assertRejected(new byte[] {1, 0, 2, 1}, "tag 1 at offset 0 claims 2 bytes but the file ends at 4");
  }

  @Test
  void fileThatDoesNotBeginWithTheVersion() {
    assertRejected(new byte[] {2, 0, 2, 0, 10}, "tag 2 at offset 0 stands where tag 1 (version) must");
  }

  @Test
  void fileThatEndsAfterTheVersion() {
    assertRejected(new byte[] {1, 0, 2, 1, 2}, "the file ends at offset 5, where tag 2 (header length) must stand");
  }

  @Test
  void versionOfWrongLength() {
    assertRejected(new Tlv().element(1, 1, 2, 0).element(2, 0, 11).bytes(),
        "tag 1 (version) at offset 0 has length 3, expected 2");
  }

  @Test
  void headerLengthOfWrongLength() {
    assertRejected(new Tlv().element(1, 1, 2).element(2, 0, 0, 11).bytes(),
        "tag 2 (header length) at offset 5 has length 3, expected 2");
  }

  @Test
  void headerLengthPastTheEndOfTheFile() {
    byte[] file = Tlv.file(Tlv.required(), BODY);
    setHeaderLength(file, file.length + 1);

    assertRejected(file, "tag 2 (header length) at offset 5 says " + (file.length + 1)
        + " bytes but the file ends at " + file.length);
  }

  @Test
  void headerLengthShorterThanTags1And2() {
    byte[] file = Tlv.file(Tlv.required(), BODY);
    setHeaderLength(file, 8);

    assertRejected(file, "tag 2 (header length) at offset 5 says 8 bytes, shorter than the 10 bytes of tags 1 and 2");
  }

  @Test
  void headerLengthThatCutsTheLastElementShort() {
    byte[] file = Tlv.file(Tlv.required().string(14, "name"), BODY);
    setHeaderLength(file, 75);

    assertRejected(file, "tag 14 at offset 69 claims 5 bytes but the header ends at 75");
  }

  @Test
  void signatureThatRunsPastTheHeader() {
    Tlv header = new Tlv().element(5, 7).element(8, 3).head(12, 256).raw(new byte[20]);

    assertRejected(Tlv.file(header, new byte[300]), "tag 12 at offset 18 claims 256 bytes but the header ends at 41");
  }

  @Test
  void containerThatRunsPastTheHeader() {
    assertRejected(Tlv.file(minimal().head(7, 500), BODY),
        "tag 7 at offset 22 claims 500 bytes but the header ends at 25");
  }

  @Test
  void tagWithNoRoomForItsLengthBeforeTheHeaderEnds() {
    assertRejected(Tlv.file(minimal().raw(14, 0), BODY),
        "tag 14 at offset 22 has no room for its length before the header ends at 24");
  }

  static Stream<Arguments> requiredTags() {
    return Stream.of(
        Arguments.of(new Tlv().element(8, 3).element(12, 1),
            "the header (offsets 0 to 18) has no tag 5 (serial number)"),
        Arguments.of(new Tlv().element(5, 7).element(12, 1), "has no tag 8 (hash algorithm)"),
        Arguments.of(new Tlv().element(5, 7).element(8, 3), "has no tag 12 (signature)"));
  }

  @ParameterizedTest
  @MethodSource("requiredTags")
  void headerWithoutARequiredTag(Tlv header, String message) {
    assertRejected(Tlv.file(header, BODY), message);
  }

  @Test
  void duplicatedSignature() {
    assertRejected(Tlv.file(minimal().element(12, 2), BODY), "tag 12 at offset 22 appears a second time in the header");
  }

  @Test
  void versionAgainInsideTheHeader() {
    assertRejected(Tlv.file(minimal().element(1, 1, 2), BODY),
        "tag 1 at offset 22 appears a second time in the header");
  }

  static Stream<Arguments> fixedLengths() {
    return Stream.of(
        Arguments.of(8, new int[] {0, 3}, "tag 8 (hash algorithm) at offset 18 has length 2, expected 1"),
        Arguments.of(10, new int[] {}, "tag 10 (signature algorithm) at offset 18 has length 0, expected 1"),
        Arguments.of(11, new int[] {0, 2}, "tag 11 (modulus size) at offset 18 has length 2, expected 1"),
        Arguments.of(15, new int[] {1, 2, 3}, "tag 15 (timestamp) at offset 18 has length 3, expected 4"),
        Arguments.of(28, new int[] {1, 1, 0}, "tag 28 (signer version) at offset 18 has length 3, expected 2"));
  }

  @ParameterizedTest
  @MethodSource("fixedLengths")
  void elementOfWrongFixedLength(int tag, int[] value, String message) {
    Tlv header = new Tlv().element(5, 7).element(12, 1).element(tag, value).element(tag == 8 ? 40 : 8, 3);

    assertRejected(Tlv.file(header, BODY), message);
  }

  @Test
  void unknownModulusCode() {
    assertRejected(Tlv.file(minimal().element(11, 4), BODY), "tag 11 (modulus size) at offset 22 has unknown code 4");
  }

  static Stream<Arguments> unterminatedStrings() {
    return Stream.of(
        Arguments.of(4, new int[] {'a', 'b'}, "tag 4 (signer name) at offset 22 is not NUL-terminated"),
        Arguments.of(6, new int[] {0, 'b'}, "tag 6 (issuer name) at offset 22 is not NUL-terminated"),
        Arguments.of(14, new int[] {}, "tag 14 (file name) at offset 22 is not NUL-terminated"));
  }

  @ParameterizedTest
  @MethodSource("unterminatedStrings")
  void unterminatedString(int tag, int[] value, String message) {
    assertRejected(Tlv.file(minimal().element(tag, value), BODY), message);
  }

  @Test
  void recordThatDoesNotBeginWithItsLength() {
    assertListRejected(trustList(new Tlv().string(3, "CN=x")),
        "tag 3 at offset 72 stands where a record must begin with tag 1 (record length)");
  }

  @Test
  void recordLengthOfWrongLength() {
    assertListRejected(trustList(new Tlv().element(1, 0, 0, 5)),
        "tag 1 (record length) at offset 72 has length 3, expected 2");
  }

  @Test
  void recordLengthShorterThanItsOwnElement() {
    assertListRejected(trustList(new Tlv().element(1, 0, 4).element(4, 0, 0)),
        "tag 1 (record length) at offset 72 says 4 bytes, fewer than the 5 of tag 1 itself");
  }

  @Test
  void recordLengthPastTheEndOfTheFile() {
    assertListRejected(trustList(new Tlv().element(1, 0, 100).element(4, 0, 0)),
        "tag 1 (record length) at offset 72 says 100 bytes but the file ends at 82");
  }

  @Test
  void recordElementThatRunsPastItsRecord() {
    Tlv records = new Tlv().element(1, 0, 13).element(4, 0, 0).head(3, 9).raw(new byte[20]);

    assertListRejected(trustList(records), "tag 3 at offset 82 claims 9 bytes but the record ends at 85");
  }

  @Test
  void recordsThatDoNotAddUpToTheFile() {
    assertListRejected(trustList(Tlv.record(new Tlv().element(4, 0, 0)).raw(1, 0)),
        "tag 1 at offset 82 has no room for its length before the file ends at 84");
  }

  @Test
  void functionOfWrongLength() {
    assertListRejected(trustList(Tlv.record(new Tlv().element(4, 0, 0, 0))),
        "tag 4 (function) at offset 77 has length 3, expected 2");
  }

  @Test
  void recordWithoutFunction() {
    assertListRejected(trustList(Tlv.record(new Tlv().string(3, "CN=x"))),
        "the record at offset 72 has no tag 4 (function)");
  }

  @Test
  void functionTwiceInOneRecord() {
    assertListRejected(trustList(Tlv.record(new Tlv().element(4, 0, 0).element(4, 0, 3))),
        "tag 4 at offset 82 appears a second time in the record");
  }

  @Test
  void certificateThatDoesNotParse() {
    assertListRejected(trustList(Tlv.record(new Tlv().element(4, 0, 0).element(9, 0x30, 3, 1, 2, 3))),
        "tag 9 (certificate) at offset 82 is not an X.509 certificate");
  }

  @Test
  void unterminatedDnsName() {
    assertListRejected(trustList(Tlv.record(new Tlv().element(4, 0, 0).element(2, 'h'))),
        "tag 2 (DNS name) at offset 82 is not NUL-terminated");
  }

  /** Serial, hash and signature: a header of 22 bytes with nothing else. */
  private static Tlv minimal() {
    return new Tlv().element(5, 7).element(8, 3).element(12, 1);
  }

  /** Records after a 72-byte header. */
  private static byte[] trustList(Tlv records) {
    return Tlv.file(Tlv.required().raw(13, 13, 13), records.bytes());
  }


  private static void setHeaderLength(byte[] file, int length) {
    file[8] = (byte) (length >> 8);
    file[9] = (byte) length;
  }

  /** A header fault: a signed file and a trust list give the same answer. */
  private static void assertRejected(byte[] bytes, String message) {
    assertMessage(assertThrows(SignedFileException.class, () -> SignedFile.parse(bytes)), message);
    assertListRejected(bytes, message);
  }

  private static void assertListRejected(byte[] bytes, String message) {
    assertMessage(assertThrows(SignedFileException.class, () -> TrustList.parse(bytes)), message);
  }

  private static void assertMessage(SignedFileException rejected, String message) {
    assertTrue(rejected.getMessage().contains(message),
        () -> "expected \"" + message + "\" in \"" + rejected.getMessage() + "\"");
  }
}
