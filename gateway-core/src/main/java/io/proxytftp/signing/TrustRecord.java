package io.proxytftp.signing;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * One certificate of a trust list and what phones trust it for. The raw function code is kept beside the
 * enum because a list may carry codes this gateway does not know, and those records must still be shown and
 * passed on.
 *
 * @param dnsName tag 2, which certutils never writes
 * @param subjectName tag 3, as {@code CN=x;OU=y;O=z}; empty if the record has none
 * @param function the known function for {@code functionCode}, or empty
 * @param functionCode tag 4 as written
 * @param issuerName tag 5; empty if the record has none
 * @param serialNumber tag 6, big-endian; empty if the record has none
 * @param certificate tag 9, parsed; empty if the record carries no certificate
 */
public record TrustRecord(
    Optional<String> dnsName,
    String subjectName,
    Optional<TrustFunction> function,
    int functionCode,
    String issuerName,
    byte[] serialNumber,
    Optional<X509Certificate> certificate) {

  public TrustRecord {
    Objects.requireNonNull(dnsName, "dnsName");
    Objects.requireNonNull(subjectName, "subjectName");
    if (!function.equals(TrustFunction.fromCode(functionCode))) {
      throw new IllegalArgumentException("function " + function + " does not match code " + functionCode);
    }
    Objects.requireNonNull(issuerName, "issuerName");
    serialNumber = serialNumber.clone();
    Objects.requireNonNull(certificate, "certificate");
  }

  @Override
  public byte[] serialNumber() {
    return serialNumber.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TrustRecord that
        && dnsName.equals(that.dnsName)
        && subjectName.equals(that.subjectName)
        && functionCode == that.functionCode
        && issuerName.equals(that.issuerName)
        && Arrays.equals(serialNumber, that.serialNumber)
        && certificate.equals(that.certificate);
  }

  @Override
  public int hashCode() {
    return Objects.hash(dnsName, subjectName, functionCode, issuerName, Arrays.hashCode(serialNumber));
  }

  @Override
  public String toString() {
    return "TrustRecord[" + subjectName + ", function " + function.map(Enum::name).orElse("code " + functionCode)
        + ", serial " + HexFormat.of().formatHex(serialNumber) + "]";
  }
}
