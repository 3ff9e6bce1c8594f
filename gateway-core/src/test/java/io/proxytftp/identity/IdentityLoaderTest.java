package io.proxytftp.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.proxytftp.config.GatewaySettings;
import io.proxytftp.config.IdentitySource;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityLoaderTest {
  static final Path DEMO = Path.of("../config/demo/identity");
  static final IdentitySource.Generated CREATED = new IdentitySource.Generated(2048, Duration.ofDays(365));
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path directory;

  private GatewaySettings gateway() {
    return new GatewaySettings("gw-identity", directory.resolve("data"), directory.resolve("store"));
  }

  @Test
  void firstStartCreatesAKeyAndSelfSignedCertificateReadableByTheOwnerOnly() throws Exception {
    GatewayIdentity identity = IdentityLoader.load(CREATED, gateway(), CLOCK);
    Path folder = IdentityLoader.folder(gateway());
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("tftp-key.pem"))));
    assertEquals("CN=gw-identity,OU=TFTP,O=proxytftp", identity.certificate().getSubjectX500Principal().getName());
    assertEquals(identity.certificate().getSubjectX500Principal(), identity.certificate().getIssuerX500Principal());
    identity.certificate().verify(identity.certificate().getPublicKey());
    assertEquals(2048, identity.keyBits());
    assertEquals(CLOCK.instant().plus(Duration.ofDays(365)), identity.certificate().getNotAfter().toInstant());
  }

  @Test
  void laterStartsReuseTheCreatedIdentity() throws Exception {
    GatewayIdentity first = IdentityLoader.load(CREATED, gateway(), CLOCK);
    GatewayIdentity second = IdentityLoader.load(CREATED, gateway(), CLOCK);
    assertEquals(first.certificate(), second.certificate());
    assertEquals(first.privateKey(), second.privateKey());
  }

  @Test
  void keySizeIsConfigurable() throws Exception {
    assertEquals(4096, IdentityLoader.load(new IdentitySource.Generated(4096, Duration.ofDays(1)), gateway(), CLOCK).keyBits());
  }

  @Test
  void keyWithoutCertificateIsAnInterruptedCreationAndIsReplaced() throws Exception {
    GatewayIdentity first = IdentityLoader.load(CREATED, gateway(), CLOCK);
    Files.delete(IdentityLoader.folder(gateway()).resolve("tftp-cert.pem"));
    GatewayIdentity second = IdentityLoader.load(CREATED, gateway(), CLOCK);
    assertNotEquals(first.certificate(), second.certificate());
  }

  @Test
  void certificateWithoutItsKeyIsNeverSilentlyReplaced() throws Exception {
    IdentityLoader.load(CREATED, gateway(), CLOCK);
    Files.delete(IdentityLoader.folder(gateway()).resolve("tftp-key.pem"));
    IdentityException e = assertThrows(IdentityException.class, () -> IdentityLoader.load(CREATED, gateway(), CLOCK));
    assertTrue(e.getMessage().contains("has no private key beside it"), e.getMessage());
  }

  @Test
  void aKeyThatCannotBeReadIsReportedAsUnreadableNamingItsOwner() throws Exception {
    IdentityLoader.load(CREATED, gateway(), CLOCK);
    Path key = IdentityLoader.folder(gateway()).resolve("tftp-key.pem");
    Files.delete(key);
    Files.createDirectory(key); // unreadable as a file whoever the gateway runs as, root included

    IdentityException e = assertThrows(IdentityException.class, () -> IdentityLoader.load(CREATED, gateway(), CLOCK));

    assertEquals("cannot read " + key + " (owner " + Files.getOwner(key).getName() + "; the gateway runs as "
        + System.getProperty("user.name") + "): a folder where a file is expected", e.getMessage());
  }

  @Test
  void permissionDeniedSaysCannotReadWithThePathAndItsOwner() throws Exception {
    Path key = Files.writeString(directory.resolve("tftp-key.pem"), "");

    IdentityException e = IdentityFiles.cannotRead(key, new AccessDeniedException(key.toString()));

    assertEquals("cannot read " + key + " (owner " + Files.getOwner(key).getName() + "; the gateway runs as "
        + System.getProperty("user.name") + "): permission denied", e.getMessage());
  }

  /** Only where the tests do not run as root, whom permissions do not stop. */
  @Test
  void anIdentityFolderTheGatewayCannotEnterIsNamedAndNeverReplaced() throws Exception {
    IdentityLoader.load(CREATED, gateway(), CLOCK);
    Path folder = IdentityLoader.folder(gateway());
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("---------"));
    try {
      assumeFalse(Files.isReadable(folder.resolve("tftp-key.pem")), "permissions do not stop this user (root)");

      IdentityException e = assertThrows(IdentityException.class, () -> IdentityLoader.load(CREATED, gateway(), CLOCK));

      assertTrue(e.getMessage().startsWith("cannot read " + folder + " (owner "), e.getMessage());
      assertTrue(e.getMessage().endsWith("): permission denied"), e.getMessage());
    } finally {
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void pemFilesMadeByOpensslAreLoaded() throws Exception {
    GatewayIdentity identity = IdentityLoader.load(
        new IdentitySource.PemFiles(DEMO.resolve("cluster-a-tftp.pem"), DEMO.resolve("cluster-a-tftp.key")), gateway(), CLOCK);
    assertEquals("CN=demo-cluster-a,OU=TFTP,O=proxytftp demo", identity.certificate().getSubjectX500Principal().getName());
  }

  @Test
  void oneFileWithTheKeyBeforeTheCertificateServesAsBoth() throws Exception {
    Path both = directory.resolve("both.pem");
    Files.writeString(both, Files.readString(DEMO.resolve("cluster-a-tftp.key")) + Files.readString(DEMO.resolve("cluster-a-tftp.pem")));
    GatewayIdentity identity = IdentityLoader.load(new IdentitySource.PemFiles(both, both), gateway(), CLOCK);
    assertEquals("CN=demo-cluster-a,OU=TFTP,O=proxytftp demo", identity.certificate().getSubjectX500Principal().getName());
  }

  @Test
  void keyOfAnotherCertificateIsRefused() {
    IdentityException e = assertThrows(IdentityException.class, () -> IdentityLoader.load(
        new IdentitySource.PemFiles(DEMO.resolve("cluster-a-tftp.pem"), DEMO.resolve("cluster-b-tftp.key")), gateway(), CLOCK));
    assertTrue(e.getMessage().contains("does not belong to the certificate"), e.getMessage());
  }

  @Test
  void fileWithoutAKeyIsRefusedNamingIt() {
    Path notAKey = DEMO.resolve("cluster-a-tftp.pem");
    IdentityException e = assertThrows(IdentityException.class, () -> IdentityLoader.load(
        new IdentitySource.PemFiles(notAKey, notAKey), gateway(), CLOCK));
    assertTrue(e.getMessage().startsWith(notAKey.toString()), e.getMessage());
  }

  @Test
  void pkcs12KeystoreIsLoadedAndAWrongPasswordSaysSo() throws Exception {
    GatewayIdentity created = IdentityLoader.load(CREATED, gateway(), CLOCK);
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("tftp", created.privateKey(), "secret".toCharArray(), new Certificate[] {created.certificate()});
    Path file = directory.resolve("tftp.p12");
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, "secret".toCharArray());
    }
    assertEquals(created.certificate(),
        IdentityLoader.load(new IdentitySource.Pkcs12(file, "secret"), gateway(), CLOCK).certificate());
    IdentityException e = assertThrows(IdentityException.class,
        () -> IdentityLoader.load(new IdentitySource.Pkcs12(file, "wrong"), gateway(), CLOCK));
    assertTrue(e.getMessage().contains("wrong keystore-password"), e.getMessage());
  }
}
