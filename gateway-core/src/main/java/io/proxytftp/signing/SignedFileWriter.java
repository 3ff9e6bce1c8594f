package io.proxytftp.signing;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * Signs files for phones, as CUCM's TFTP service does, so that the gateway can serve configuration it
 * generates or rewrites under its own signing certificate (which the phones' trust list must hold as SAST).
 */
public final class SignedFileWriter {
  private SignedFileWriter() {}

  /**
   * Returns {@code body} under a version 1.2 header naming {@code certificate} as the signer.
   *
   * @param fileName the name phones check against the name they asked for, usually without {@code .sgn}
   * @param timestamp written as 32-bit Unix seconds
   * @throws IllegalArgumentException if the RSA key is not 512, 1024, 2048 or 4096 bits, the timestamp is
   *     outside 1970 to 2106, or a name would overflow its 16-bit length
   * @throws java.security.InvalidKeyException if the key is not an RSA key
   */
  public static byte[] sign(byte[] body, String fileName, PrivateKey key, X509Certificate certificate,
      HashAlgorithm hash, Instant timestamp) throws GeneralSecurityException {
    return HeaderWriter.signedFile(certificate, key, hash, fileName, timestamp).sign(body);
  }
}
