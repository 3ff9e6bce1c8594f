package io.proxytftp.config;

import static io.proxytftp.config.Loading.MINIMAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentitySectionTest {
  @TempDir Path folder;
  Path source;

  @BeforeEach
  void files() throws Exception {
    source = folder.resolve("gateway.yaml");
    Files.writeString(folder.resolve("tftp.pem"), "certificate");
    Files.writeString(folder.resolve("tftp.key"), "key");
    Files.writeString(folder.resolve("tftp.p12"), "store");
  }

  private IdentitySource identity(String section) throws ConfigException {
    return ConfigLoader.parse(MINIMAL + section, source, Map.of("P12_PASSWORD", "secret")::get).identity();
  }

  private List<ConfigProblem> problems(String section) {
    return assertThrows(ConfigException.class, () -> identity(section)).problems();
  }

  @Test
  void absentSectionCreatesA2048BitKeyValidForTenYears() throws Exception {
    assertEquals(new IdentitySource.Generated(2048, Duration.ofDays(3650)), identity(""));
  }

  @Test
  void createdKeySizeAndValidityAreConfigurable() throws Exception {
    assertEquals(new IdentitySource.Generated(4096, Duration.ofDays(365)),
        identity("identity: { key-size: 4096, validity: 365d }"));
  }

  @Test
  void keySizeASignedFileCannotNameIsRefused() {
    ConfigProblem problem = problems("identity: { key-size: 3072 }").get(0);
    assertEquals("identity.key-size", problem.field());
    assertEquals("must be 2048 or 4096 (the sizes a signed file can name), got 3072", problem.message());
  }

  @Test
  void pemFilesResolveAgainstTheConfigurationsFolder() throws Exception {
    assertEquals(new IdentitySource.PemFiles(folder.resolve("tftp.pem"), folder.resolve("tftp.key")),
        identity("identity: { certificate: tftp.pem, private-key: tftp.key }"));
  }

  @Test
  void certificateWithoutItsKeyIsRefusedNamingTheMissingField() {
    ConfigProblem problem = problems("identity: { certificate: tftp.pem }").get(0);
    assertEquals("identity.private-key", problem.field());
  }

  @Test
  void missingCertificateFileIsRefusedWithItsPath() {
    ConfigProblem problem = problems("identity: { certificate: nowhere.pem, private-key: tftp.key }").get(0);
    assertEquals("identity.certificate", problem.field());
    assertEquals("no such file: " + folder.resolve("nowhere.pem"), problem.message());
  }

  @Test
  void keystoreTakesItsPasswordFromTheEnvironment() throws Exception {
    IdentitySource.Pkcs12 keystore = (IdentitySource.Pkcs12) identity(
        "identity: { keystore: tftp.p12, keystore-password: \"${P12_PASSWORD}\" }");
    assertEquals(folder.resolve("tftp.p12"), keystore.keystore());
    assertEquals("secret", keystore.password());
  }

  @Test
  void keystoreWithoutPasswordIsRefused() {
    ConfigProblem problem = problems("identity: { keystore: tftp.p12 }").get(0);
    assertEquals("identity.keystore-password", problem.field());
  }

  @Test
  void keystoreAndPemFilesExcludeEachOther() {
    ConfigProblem problem = problems(
        "identity: { keystore: tftp.p12, keystore-password: x, certificate: tftp.pem, private-key: tftp.key }").get(0);
    assertEquals("identity.keystore", problem.field());
  }

  @Test
  void passwordOfAKeystoreNeverAppearsInTheRecordsText() throws Exception {
    String text = identity("identity: { keystore: tftp.p12, keystore-password: hunter2 }").toString();
    assertEquals(-1, text.indexOf("hunter2"), text);
  }
}
