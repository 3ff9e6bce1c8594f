package io.proxytftp.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxytftp.identity.GatewayIdentity;
import io.proxytftp.signing.HashAlgorithm;
import io.proxytftp.signing.SignedFileWriter;
import io.proxytftp.signing.TrustFunction;
import io.proxytftp.signing.TrustList;
import io.proxytftp.testing.TestIdentity;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandLineTest {
  @TempDir Path directory;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Test
  void checkConfigAcceptsValidFileWithExitZero() throws Exception {
    Path file = Files.writeString(directory.resolve("gateway.yaml"), "gateway:\n  id: gw\n  data-directory: data\n");
    assertEquals(0, run("check-config", file.toString()));
    assertTrue(out.toString().contains("valid"), out.toString());
  }

  @Test
  void checkConfigPrintsEveryProblemWithLocationAndExitsOne() throws Exception {
    Path file = Files.writeString(directory.resolve("bad.yaml"),
        "gateway:\n  id: gw\n  data-directory: data\nlisteners:\n  tftp:\n    port: 70000\n  ftp: {}\n");
    assertEquals(1, run("check-config", file.toString()));
    String errors = err.toString();
    assertTrue(errors.contains("bad.yaml:6:") && errors.contains("listeners.tftp.port"), errors);
    assertTrue(errors.contains("bad.yaml:7:") && errors.contains("ftp"), errors);
  }

  @Test
  void checkConfigOfMissingFileExitsOne() {
    assertEquals(1, run("check-config", directory.resolve("none.yaml").toString()));
    assertTrue(err.toString().contains("none.yaml"), err.toString());
  }

  @Test
  void versionAndHelpExitZero() {
    assertEquals(0, run("--version"));
    assertTrue(out.toString().startsWith("proxytftp "), out.toString());
    assertEquals(0, run("--help"));
    assertTrue(out.toString().contains("serve") && out.toString().contains("check-config"), out.toString());
  }

  @Test
  void noCommandIsAUsageError() {
    assertEquals(2, run());
    assertTrue(err.toString().contains("a command is required"), err.toString());
  }

  @Test
  void serveWithInvalidConfigExitsOneWithoutStarting() throws Exception {
    Path file = Files.writeString(directory.resolve("bad.yaml"), "gateway: {}\n");
    assertEquals(1, run("serve", "--config", file.toString()));
    assertTrue(err.toString().contains("gateway"), err.toString());
  }

  @Test
  void aLocalStoreThatDoesNotExistIsRefusedByCheckConfigAndServe() throws Exception {
    Path file = Files.writeString(directory.resolve("gateway.yaml"),
        "gateway:\n  id: gw\n  data-directory: data\n  local-store: /no/such/folder\n");
    String expected = file + ":4:16: gateway.local-store: no such folder: /no/such/folder";

    assertEquals(1, run("check-config", file.toString()));
    assertTrue(err.toString().contains(expected), err.toString());
    assertEquals(1, run("serve", "--config", file.toString()));
    assertEquals(2, err.toString().split(java.util.regex.Pattern.quote(expected), -1).length - 1, err.toString());
    assertTrue(Files.notExists(directory.resolve("data")), "nothing was started");
  }

  @Test
  void serveOnAnUnusableDataDirectoryExitsOneWithOneLineNamingThePath() throws Exception {
    Path cache = Files.createDirectories(directory.resolve("data")).resolve("cache");
    Files.writeString(cache, "not a folder");
    Path file = Files.writeString(directory.resolve("gateway.yaml"), "gateway:\n  id: gw\n  data-directory: data\n"
        + "listeners:\n  tftp: { port: 0 }\n  http: { port: 0 }\n  sftp: { enabled: false }\n");

    assertEquals(1, run("serve", "--config", file.toString()));

    assertEquals(cache + " is not a folder; it is the gateway's cache" + System.lineSeparator(), err.toString());
  }

  @Test
  void exportCertCreatesTheIdentityAndWritesItsCertificateAsPem() throws Exception {
    Path config = Files.writeString(directory.resolve("gateway.yaml"), "gateway:\n  id: gw-export\n  data-directory: data\n");
    assertEquals(0, run("export-cert", "--config", config.toString()));
    X509Certificate printed = certificate(out.toString().getBytes(StandardCharsets.US_ASCII));
    assertEquals("CN=gw-export,OU=TFTP,O=proxytftp", printed.getSubjectX500Principal().getName());
    assertEquals(printed, certificate(Files.readAllBytes(directory.resolve("data/identity/tftp-cert.pem"))));
  }

  @Test
  void exportCertWritesDerToAFileAndTheSameCertificateEachTime() throws Exception {
    Path config = Files.writeString(directory.resolve("gateway.yaml"), "gateway:\n  id: gw\n  data-directory: data\n");
    Path der = directory.resolve("tftp.der");
    assertEquals(0, run("export-cert", "-c", config.toString(), "--format", "der", "--output", der.toString()));
    assertEquals(0, run("export-cert", "-c", config.toString(), "--format", "PEM", "-o", directory.resolve("tftp.pem").toString()));
    byte[] encoded = Files.readAllBytes(der);
    assertEquals(0x30, encoded[0] & 0xff, "DER starts with a SEQUENCE");
    assertEquals(certificate(encoded), certificate(Files.readAllBytes(directory.resolve("tftp.pem"))));
    assertTrue(err.toString().contains("SHA-256"), err.toString());
  }

  @Test
  void exportCertOfAnUnknownFormatIsAUsageError() throws Exception {
    Path config = Files.writeString(directory.resolve("gateway.yaml"), "gateway:\n  id: gw\n  data-directory: data\n");
    assertEquals(2, run("export-cert", "-c", config.toString(), "--format", "p7b"));
  }

  @Test
  void exportCertWithABrokenKeyFileSaysWhichFile() throws Exception {
    Files.writeString(directory.resolve("tftp.pem"), "not a certificate");
    Files.writeString(directory.resolve("tftp.key"), "not a key");
    Path config = Files.writeString(directory.resolve("gateway.yaml"), "gateway:\n  id: gw\n  data-directory: data\n"
        + "identity:\n  certificate: tftp.pem\n  private-key: tftp.key\n");
    assertEquals(1, run("export-cert", "-c", config.toString()));
    assertTrue(err.toString().contains("tftp.key") || err.toString().contains("tftp.pem"), err.toString());
  }

  private static X509Certificate certificate(byte[] encoded) throws Exception {
    return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(encoded));
  }

  @Test
  void inspectShowsASignedFilesHeaderVerifiesItAndStripsItsBody() throws Exception {
    GatewayIdentity identity = TestIdentity.load(TestIdentity.shared());
    byte[] body = "<ring/>".getBytes(StandardCharsets.UTF_8);
    Path signed = Files.write(directory.resolve("RingList.xml.sgn"), SignedFileWriter.sign(body, "RingList.xml",
        identity.privateKey(), identity.certificate(), HashAlgorithm.SHA512, Instant.parse("2026-11-29T00:00:00Z")));
    Path stripped = directory.resolve("RingList.xml");

    assertEquals(0, run("inspect", signed.toString(), "--certificate", TestIdentity.shared().certificate().toString(),
        "--strip", stripped.toString()));

    assertTrue(out.toString().contains("File name:        RingList.xml"), out.toString());
    assertTrue(out.toString().contains("Signature:        verifies with CN=test-gateway"), out.toString());
    assertArrayEquals(body, Files.readAllBytes(stripped));
  }

  /** Many tools write the private key first and the certificate after it, in one PEM file. */
  @Test
  void inspectReadsTheCertificateOfAPemFileThatHoldsThePrivateKeyFirst() throws Exception {
    GatewayIdentity identity = TestIdentity.load(TestIdentity.shared());
    Path signed = Files.write(directory.resolve("x.sgn"), SignedFileWriter.sign(new byte[10], "x", identity.privateKey(),
        identity.certificate(), HashAlgorithm.SHA512, Instant.parse("2026-11-29T00:00:00Z")));
    Path combined = directory.resolve("tftp-key-and-cert.pem");
    Files.write(combined, Files.readAllBytes(TestIdentity.shared().privateKey()));
    Files.write(combined, Files.readAllBytes(TestIdentity.shared().certificate()), StandardOpenOption.APPEND);

    assertEquals(0, run("inspect", signed.toString(), "--certificate", combined.toString()), err.toString());
    assertTrue(out.toString().contains("Signature:        verifies with CN=test-gateway"), out.toString());
  }

  @Test
  void inspectWithAnotherCertificateSaysItDoesNotVerifyAndExitsOne() throws Exception {
    GatewayIdentity identity = TestIdentity.load(TestIdentity.shared());
    Path signed = Files.write(directory.resolve("x.sgn"), SignedFileWriter.sign(new byte[10], "x", identity.privateKey(),
        identity.certificate(), HashAlgorithm.SHA1, Instant.parse("2026-11-29T00:00:00Z")));
    assertEquals(1, run("inspect", signed.toString(), "--certificate", "../config/demo/identity/cluster-a-tftp.pem"));
    assertTrue(out.toString().contains("DOES NOT verify with CN=demo-cluster-a"), out.toString());
  }

  @Test
  void inspectOfATruncatedFileNamesTheFileAndTheProblem() throws Exception {
    Path broken = Files.write(directory.resolve("broken.sgn"), new byte[] {1, 0, 2, 1, 2, 2, 0, 2});
    assertEquals(1, run("inspect", broken.toString()));
    assertTrue(err.toString().startsWith(broken + ": "), err.toString());
  }

  @Test
  void inspectOfATrustListListsItsRecordsAndChecksItWithItsOwnSastRecord() throws Exception {
    GatewayIdentity identity = TestIdentity.load(TestIdentity.shared());
    Path itl = Files.write(directory.resolve("ITLFile.tlv"), TrustList.build(
        List.of(Map.entry(identity.certificate(), TrustFunction.SAST), Map.entry(identity.certificate(), TrustFunction.TFTP)),
        identity.privateKey(), identity.certificate(), HashAlgorithm.SHA512, "ITLFile.tlv", Instant.now()));
    assertEquals(0, run("inspect", itl.toString()));
    assertTrue(out.toString().contains("Record 1:         SAST") && out.toString().contains("Record 2:         TFTP"),
        out.toString());
  }

  @Test
  void hashPasswordReadsStandardInputAndPrintsAHashThatMatches() {
    java.io.InputStream stdin = System.in;
    System.setIn(new ByteArrayInputStream("correct horse\n".getBytes(StandardCharsets.UTF_8)));
    try {
      assertEquals(0, run("hash-password"));
    } finally {
      System.setIn(stdin);
    }
    String hash = out.toString().strip();
    assertTrue(hash.startsWith("pbkdf2-sha256$310000$"), hash);
    assertTrue(io.proxytftp.password.PasswordHash.parse(hash).matches("correct horse"));
  }

  @Test
  void hashPasswordRefusesAShortOrMissingPassword() {
    java.io.InputStream stdin = System.in;
    try {
      System.setIn(new ByteArrayInputStream("short\n".getBytes(StandardCharsets.UTF_8)));
      assertEquals(1, run("hash-password"));
      System.setIn(new ByteArrayInputStream(new byte[0]));
      assertEquals(1, run("hash-password"));
    } finally {
      System.setIn(stdin);
    }
    String errors = err.toString();
    assertTrue(errors.contains("at least 8 characters") && errors.contains("no password"), errors);
    assertEquals("", out.toString());
  }
}
