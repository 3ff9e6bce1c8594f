package io.proxytftp.signing;

import static io.proxytftp.signing.Tags.FILE_NAME;
import static io.proxytftp.signing.Tags.FIRST_ENCRYPTION;
import static io.proxytftp.signing.Tags.HASH_ALGORITHM;
import static io.proxytftp.signing.Tags.HEADER_LENGTH;
import static io.proxytftp.signing.Tags.ISSUER_NAME;
import static io.proxytftp.signing.Tags.LAST_ENCRYPTION;
import static io.proxytftp.signing.Tags.MODULUS;
import static io.proxytftp.signing.Tags.MODULUS_BITS;
import static io.proxytftp.signing.Tags.PADDING;
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

import io.proxytftp.signing.TlvReader.Element;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Parses the header that signed files and trust lists share. Strict about structure, because a length that
 * does not add up means the file is not what it claims; lenient about content, because the gateway passes
 * on files it cannot judge: tags it does not know (such as the encryption tags 16 to 27 of {@code .enc.sgn}
 * files) are kept in place, unread, and an unknown hash code parses but never verifies.
 */
final class HeaderParser {
  private static final Set<Integer> SINGLE_TAGS = Set.of(VERSION, HEADER_LENGTH, SIGNER_INFO, SIGNER_NAME,
      SERIAL_NUMBER, ISSUER_NAME, SIGNATURE_INFO, HASH_ALGORITHM, SIGNATURE_ALGORITHM_INFO, SIGNATURE_ALGORITHM,
      MODULUS, SIGNATURE, FILE_NAME, TIMESTAMP, SIGNER_VERSION);

  private HeaderParser() {}

  static Header parse(byte[] bytes) throws SignedFileException {
    TlvReader reader = new TlvReader(bytes, 0, bytes.length, "the file", SINGLE_TAGS);
    Element versionElement = first(reader, VERSION, "version");
    int version = reader.uint16(versionElement, "version");
    Element lengthElement = first(reader, HEADER_LENGTH, "header length");
    int length = reader.uint16(lengthElement, "header length");
    if (length > bytes.length) {
      throw new SignedFileException("tag 2 (header length) at offset " + lengthElement.offset() + " says "
          + length + " bytes but the file ends at " + bytes.length);
    }
    if (length < reader.position()) {
      throw new SignedFileException("tag 2 (header length) at offset " + lengthElement.offset() + " says "
          + length + " bytes, shorter than the " + reader.position() + " bytes of tags 1 and 2");
    }
    reader.limit(length, "the header");

    String signerName = "";
    byte[] serialNumber = null;
    String issuerName = "";
    int hashAlgorithmCode = -1;
    int modulusBits = -1;
    Element signature = null;
    Optional<String> fileName = Optional.empty();
    Optional<Instant> timestamp = Optional.empty();
    Optional<String> signerVersion = Optional.empty();
    boolean encrypted = false;
    while (!reader.atEnd()) {
      if (reader.peekTag() == PADDING) {
        reader.skipTagByte();
        continue;
      }
      Element element = reader.next();
      switch (element.tag()) {
        // Containers: their children follow inline and are read as elements in their own right.
        case SIGNER_INFO, SIGNATURE_INFO, SIGNATURE_ALGORITHM_INFO -> reader.enter(element);
        case SIGNER_NAME -> signerName = reader.string(element, "signer name");
        case SERIAL_NUMBER -> serialNumber = reader.value(element);
        case ISSUER_NAME -> issuerName = reader.string(element, "issuer name");
        case HASH_ALGORITHM -> hashAlgorithmCode = reader.uint8(element, "hash algorithm");
        // RSA is the only algorithm there is; any other value would simply not verify.
        case SIGNATURE_ALGORITHM -> reader.uint8(element, "signature algorithm");
        case MODULUS -> modulusBits = modulusBits(reader.uint8(element, "modulus size"), element);
        case SIGNATURE -> signature = element;
        case FILE_NAME -> fileName = Optional.of(reader.string(element, "file name"));
        case TIMESTAMP -> timestamp = Optional.of(Instant.ofEpochSecond(reader.unsigned(element, 4, "timestamp")));
        case SIGNER_VERSION -> signerVersion = Optional.of(reader.version(element, "signer version"));
        default -> encrypted |= element.tag() >= FIRST_ENCRYPTION && element.tag() <= LAST_ENCRYPTION;
      }
    }
    require(serialNumber != null, SERIAL_NUMBER, "serial number", length);
    require(hashAlgorithmCode >= 0, HASH_ALGORITHM, "hash algorithm", length);
    require(signature != null, SIGNATURE, "signature", length);
    return new Header(version >> 8, version & 0xff, length, signerName, serialNumber, issuerName,
        hashAlgorithmCode, modulusBits >= 0 ? modulusBits : signature.length() * 8, signature, fileName,
        timestamp, signerVersion, encrypted);
  }

  private static Element first(TlvReader reader, int tag, String what) throws SignedFileException {
    if (reader.atEnd()) {
      throw new SignedFileException("the file ends at offset " + reader.position() + ", where tag " + tag + " ("
          + what + ") must stand");
    }
    Element element = reader.next();
    if (element.tag() != tag) {
      throw new SignedFileException("tag " + element.tag() + " at offset " + element.offset() + " stands where tag "
          + tag + " (" + what + ") must");
    }
    return element;
  }

  private static int modulusBits(int code, Element element) throws SignedFileException {
    if (code >= MODULUS_BITS.size()) {
      throw new SignedFileException("tag 11 (modulus size) at offset " + element.offset() + " has unknown code "
          + code + "; known codes are 0 to " + (MODULUS_BITS.size() - 1));
    }
    return MODULUS_BITS.get(code);
  }

  private static void require(boolean present, int tag, String what, int length) throws SignedFileException {
    if (!present) {
      throw new SignedFileException("the header (offsets 0 to " + length + ") has no tag " + tag + " (" + what
          + ")");
    }
  }
}
