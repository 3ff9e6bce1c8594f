package io.proxytftp.config;

import static io.proxytftp.config.Loading.withCluster;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.proxytftp.testing.CapturedLogs;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cluster's release and the trust its signatures get. */
class ClusterSigningFieldsTest {
  static final Path DEMO_CERTIFICATE = Path.of("../config/demo/identity/cluster-a-tftp.pem");
  static final Path DEMO_KEY = Path.of("../config/demo/identity/cluster-a-tftp.key");

  @TempDir Path folder;

  private RemoteCluster cluster(String lines) throws ConfigException {
    return ConfigLoader.parse(withCluster(lines), folder.resolve("gateway.yaml"), Map.<String, String>of()::get)
        .remoteClusters().get(0);
  }

  private ConfigProblem problem(String lines) {
    List<ConfigProblem> problems = assertThrows(ConfigException.class, () -> cluster(lines)).problems();
    assertEquals(1, problems.size(), problems::toString);
    return problems.get(0);
  }

  @Test
  void clusterWithoutSigningFieldsHasNoReleaseAndIsNeverReSigned() throws Exception {
    RemoteCluster cluster = cluster("cluster-id: a");
    assertEquals(Optional.empty(), cluster.release());
    assertEquals(SignatureTrust.none(), cluster.trust());
  }

  @Test
  void releaseIsKeptAsWritten() throws Exception {
    assertEquals(Optional.of(new Release("12.5(1)SU3")), cluster("cluster-id: a\nrelease: 12.5(1)SU3").release());
  }

  @Test
  void releaseWithoutANumberIsRefused() {
    ConfigProblem problem = problem("cluster-id: a\nrelease: latest");
    assertEquals("remote-clusters[0].release", problem.field());
  }

  @Test
  void tftpCertificateIsReadFromItsFile() throws Exception {
    Files.copy(DEMO_CERTIFICATE, folder.resolve("a.pem"));
    SignatureTrust trust = cluster("cluster-id: a\ntftp-certificate: a.pem").trust();
    assertEquals("CN=demo-cluster-a,OU=TFTP,O=proxytftp demo",
        trust.certificate().orElseThrow().getSubjectX500Principal().getName());
    assertFalse(trust.resignUnverified());
  }

  @Test
  void fileThatIsNotACertificateIsRefusedAtLoad() throws Exception {
    Files.writeString(folder.resolve("a.pem"), "-----BEGIN CERTIFICATE-----\nbm9wZQ==\n-----END CERTIFICATE-----\n");
    ConfigProblem problem = problem("cluster-id: a\ntftp-certificate: a.pem");
    assertEquals("remote-clusters[0].tftp-certificate", problem.field());
    assertEquals(folder.resolve("a.pem") + " holds no X.509 certificate in PEM or DER form", problem.message());
  }

  @Test
  void certificateAfterAPrivateKeyIsFoundAndTheKeyIsWarnedAboutNamingTheFile() throws Exception {
    Path file = folder.resolve("a.pem");
    Files.writeString(file, Files.readString(DEMO_KEY) + Files.readString(DEMO_CERTIFICATE));
    try (CapturedLogs logs = CapturedLogs.atLevel(Level.WARN)) {
      SignatureTrust trust = cluster("cluster-id: a\ntftp-certificate: a.pem").trust();
      assertEquals(demoCertificate(), trust.certificate().orElseThrow());
      assertEquals(1, logs.warnings().size(), logs.warnings()::toString);
      assertTrue(logs.warnings().get(0).contains(file + " holds a private key"), logs.warnings()::toString);
    }
  }

  @Test
  void certificateFileWithoutAPrivateKeyIsReadWithoutAWarning() throws Exception {
    Files.copy(DEMO_CERTIFICATE, folder.resolve("a.pem"));
    try (CapturedLogs logs = CapturedLogs.atLevel(Level.WARN)) {
      cluster("cluster-id: a\ntftp-certificate: a.pem");
      assertEquals(List.of(), logs.warnings());
    }
  }

  @Test
  void inlinePemWithAPrivateKeyBeforeTheCertificateIsReadAndWarnedAbout() throws Exception {
    String pem = Files.readString(DEMO_KEY) + Files.readString(DEMO_CERTIFICATE);
    try (CapturedLogs logs = CapturedLogs.atLevel(Level.WARN)) {
      SignatureTrust trust =
          cluster("cluster-id: a\ntftp-certificate: |\n  " + pem.strip().replace("\n", "\n  ")).trust();
      assertEquals(demoCertificate(), trust.certificate().orElseThrow());
      assertTrue(logs.warnings().get(0).contains("the PEM text holds a private key"), logs.warnings()::toString);
    }
  }

  @Test
  void fileWithOnlyAPrivateKeyIsRefusedNamingIt() throws Exception {
    Files.copy(DEMO_KEY, folder.resolve("a.pem"));
    ConfigProblem problem = problem("cluster-id: a\ntftp-certificate: a.pem");
    assertEquals("remote-clusters[0].tftp-certificate", problem.field());
    assertEquals(folder.resolve("a.pem") + " holds no X.509 certificate in PEM or DER form", problem.message());
  }

  private static X509Certificate demoCertificate() throws Exception {
    try (InputStream in = Files.newInputStream(DEMO_CERTIFICATE)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  @Test
  void resignUnverifiedIsAnExplicitChoice() throws Exception {
    assertTrue(cluster("cluster-id: a\nresign-unverified: true").trust().resignUnverified());
  }

  @Test
  void resignUnverifiedBesideACertificateIsRefused() throws Exception {
    Files.copy(DEMO_CERTIFICATE, folder.resolve("a.pem"));
    ConfigProblem problem = problem("cluster-id: a\ntftp-certificate: a.pem\nresign-unverified: true");
    assertEquals("remote-clusters[0].resign-unverified", problem.field());
  }
}
