package io.proxytftp.signing;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a phone trusts a trust-list certificate for. The codes are fixed by the phones' firmware; a list may
 * carry codes this enum does not know, which is why parsing keeps the raw code as well.
 */
public enum TrustFunction {
  /** Signs the trust list itself and the configuration files. */
  SAST(0),
  CCM(1),
  CCM_TFTP(2),
  TFTP(3),
  CAPF(4),
  /** certutils calls it HTTPS. */
  APP_SERVER(7),
  TVS(21);

  private final int code;

  TrustFunction(int code) {
    this.code = code;
  }

  /** The record's tag-4 value. */
  public int code() {
    return code;
  }

  /** The function with this code, or empty for a code this enum does not know. */
  public static Optional<TrustFunction> fromCode(int code) {
    return Arrays.stream(values()).filter(function -> function.code == code).findFirst();
  }
}
