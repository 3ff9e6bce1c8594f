package io.proxytftp.config;

import static io.proxytftp.config.Loading.withCluster;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cluster's release and the trust its signatures get. */
class ClusterSigningFieldsTest {
  static final Path DEMO_CERTIFICATE = Path.of("../config/demo/identity/cluster-a-tftp.pem");

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
