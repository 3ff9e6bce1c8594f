package io.proxytftp.signing;

import io.proxytftp.signing.TlvReader.Element;
import java.time.Instant;
import java.util.Optional;

/**
 * What {@link HeaderParser} found in a header. Package-private and unchecked: {@link SignedFile} is the
 * public, copying view of it.
 *
 * @param signature where the tag-12 element stands, which is what verification leaves out
 */
record Header(
    int majorVersion,
    int minorVersion,
    int length,
    String signerName,
    byte[] serialNumber,
    String issuerName,
    int hashAlgorithmCode,
    int modulusBits,
    Element signature,
    Optional<String> fileName,
    Optional<Instant> timestamp,
    Optional<String> signerVersion,
    boolean encrypted) {}
