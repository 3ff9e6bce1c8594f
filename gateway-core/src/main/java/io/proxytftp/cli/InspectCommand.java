package io.proxytftp.cli;

import io.proxytftp.config.CertificateFile;
import io.proxytftp.signing.HashAlgorithm;
import io.proxytftp.signing.SignedFile;
import io.proxytftp.signing.SignedFileException;
import io.proxytftp.signing.TrustList;
import io.proxytftp.signing.TrustRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Shows what a signed file ({@code .sgn}) or trust list ({@code .tlv}) holds and whether it
 * verifies, so an admin can check what phones get (the job of the vendor's {@code show ctl}
 * and the open-source {@code certutils}). Exit 0 when the file parses and every check asked for
 * passes, 1 otherwise.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = "Show a .sgn or .tlv file's header and records, and check its signature.")
final class InspectCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE", description = "a signed file (.sgn) or trust list (.tlv)")
  Path file;

  @Option(names = "--certificate", paramLabel = "PEM",
      description = "check the signature with this certificate, PEM (a private key beside it is skipped) or DER (a trust"
          + " list is always checked with its own SAST record)")
  Path certificate;

  @Option(names = "--strip", paramLabel = "OUT", description = "write a signed file's original content, without the header, here")
  Path strip;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    byte[] bytes = Files.readAllBytes(file);
    Optional<X509Certificate> expected;
    try {
      expected = certificate == null ? Optional.empty() : Optional.of(readCertificate(certificate));
    } catch (CertificateException e) {
      err.println(certificate + ": no X.509 certificate in it");
      return 1;
    }
    try {
      boolean trustList = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".tlv");
      boolean verified = trustList ? showTrustList(out, TrustList.parse(bytes), expected) : showSignedFile(out,
          SignedFile.parse(bytes), expected);
      return verified ? 0 : 1;
    } catch (SignedFileException e) {
      err.println(file + ": " + e.getMessage());
      return 1;
    }
  }

  private boolean showSignedFile(PrintWriter out, SignedFile signed, Optional<X509Certificate> expected)
      throws IOException {
    header(out, signed);
    out.printf("Body:             %d bytes%n", signed.body().length);
    if (strip != null) {
      Files.write(strip, signed.body());
    }
    return expected.map(certificate -> verdict(out, signed.verifiesWith(certificate), certificate)).orElse(true);
  }

  private boolean showTrustList(PrintWriter out, TrustList list, Optional<X509Certificate> expected) {
    header(out, list.header());
    int index = 0;
    for (TrustRecord record : list.records()) {
      out.printf("Record %d:         %s, %s, serial %s%s%n", ++index,
          record.function().map(Enum::name).orElse("function " + record.functionCode()), record.subjectName(),
          HexFormat.of().formatHex(record.serialNumber()),
          record.dnsName().map(name -> ", DNS " + name).orElse(""));
    }
    Optional<X509Certificate> signer = list.signer();
    if (signer.isEmpty()) {
      out.println("Signature:        no SAST record matches the header's serial number: cannot verify");
      return false;
    }
    boolean verified = verdict(out, list.verifies(), signer.get());
    if (expected.isPresent() && !expected.get().equals(signer.get())) {
      out.printf("Signer:           is not %s%n", expected.get().getSubjectX500Principal().getName());
      return false;
    }
    return verified;
  }

  private static void header(PrintWriter out, SignedFile signed) {
    out.printf("Version:          %d.%d%n", signed.majorVersion(), signed.minorVersion());
    out.printf("Header length:    %d bytes%n", signed.headerLength());
    signed.signerVersion().ifPresent(version -> out.printf("Signer version:   %s%n", version));
    out.printf("Signer:           %s%n", signed.signerName());
    out.printf("Serial number:    %s%n", HexFormat.of().formatHex(signed.serialNumber()));
    out.printf("Issuer:           %s%n", signed.issuerName());
    out.printf("Hash algorithm:   code %d%s%n", signed.hashAlgorithmCode(), Arrays.stream(HashAlgorithm.values())
        .filter(hash -> hash.code() == signed.hashAlgorithmCode())
        .map(hash -> " (" + hash + " as written today)")
        .findFirst().orElse(""));
    out.printf("Key size:         %d bits%n", signed.modulusBits());
    signed.fileName().ifPresent(name -> out.printf("File name:        %s%n", name));
    signed.timestamp().ifPresent(time -> out.printf("Timestamp:        %s%n", time));
    out.printf("Encrypted:        %s%n", signed.encrypted() ? "yes (only its phone can read it)" : "no");
  }

  private static boolean verdict(PrintWriter out, boolean verifies, X509Certificate certificate) {
    out.printf("Signature:        %s %s%n", verifies ? "verifies with" : "DOES NOT verify with",
        certificate.getSubjectX500Principal().getName());
    return verifies;
  }

  /**
   * The certificate as the gateway reads its configured ones, PEM or DER: the first CERTIFICATE
   * block of a PEM file, after a private key too, since many tools write the key first.
   */
  private static X509Certificate readCertificate(Path file) throws IOException, CertificateException {
    return CertificateFile.parse(Files.readAllBytes(file)).certificate();
  }
}
