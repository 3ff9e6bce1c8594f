package io.proxytftp.signing;

import java.util.List;

/** Tag numbers of the header and of trust-list records, which are two separate name spaces. */
final class Tags {
  static final int VERSION = 1;
  static final int HEADER_LENGTH = 2;
  static final int SIGNER_INFO = 3;
  static final int SIGNER_NAME = 4;
  static final int SERIAL_NUMBER = 5;
  static final int ISSUER_NAME = 6;
  static final int SIGNATURE_INFO = 7;
  static final int HASH_ALGORITHM = 8;
  static final int SIGNATURE_ALGORITHM_INFO = 9;
  static final int SIGNATURE_ALGORITHM = 10;
  static final int MODULUS = 11;
  static final int SIGNATURE = 12;
  static final int PADDING = 13;
  static final int FILE_NAME = 14;
  static final int TIMESTAMP = 15;
  static final int FIRST_ENCRYPTION = 16;
  static final int LAST_ENCRYPTION = 27;
  static final int SIGNER_VERSION = 28;

  static final int RECORD_LENGTH = 1;
  static final int RECORD_DNS_NAME = 2;
  static final int RECORD_SUBJECT_NAME = 3;
  static final int RECORD_FUNCTION = 4;
  static final int RECORD_ISSUER_NAME = 5;
  static final int RECORD_SERIAL_NUMBER = 6;
  static final int RECORD_PUBLIC_KEY = 7;
  static final int RECORD_CERTIFICATE_SIGNATURE = 8;
  static final int RECORD_CERTIFICATE = 9;

  /** Signature algorithm 0, the only one there is. */
  static final int RSA = 0;
  /** Key sizes by their tag-11 code. */
  static final List<Integer> MODULUS_BITS = List.of(512, 1024, 2048, 4096);

  private Tags() {}
}
