package io.proxytftp.identity;

import io.proxytftp.config.GatewaySettings;
import io.proxytftp.config.IdentitySource;
import io.proxytftp.store.AtomicFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Collections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the gateway's identity from where the configuration says, creating it on first start.
 *
 * <p>A created identity lives in {@code <data-directory>/identity}: {@value #CERTIFICATE_FILE} and
 * {@value #KEY_FILE}, the folder readable by the gateway's user only ({@code 700}) and the key too
 * ({@code 600}). The key is renamed into place before the certificate, so a start interrupted in
 * between leaves a key without a certificate, which the next start replaces: a certificate that
 * was never written was never exported. A certificate without its key is an error, never silently
 * replaced, because clusters may have imported it.
 */
public final class IdentityLoader {
  private static final Logger LOG = LoggerFactory.getLogger(IdentityLoader.class);

  static final String CERTIFICATE_FILE = "tftp-cert.pem";
  static final String KEY_FILE = "tftp-key.pem";

  private IdentityLoader() {}

  /** Where a created identity is kept. */
  public static Path folder(GatewaySettings gateway) {
    return gateway.dataDirectory().resolve("identity");
  }

  public static GatewayIdentity load(IdentitySource source, GatewaySettings gateway, Clock clock) throws IdentityException {
    if (source instanceof IdentitySource.PemFiles pem) {
      return pair(pem.privateKey(), PemCodec.readPrivateKey(pem.privateKey()), PemCodec.readCertificate(pem.certificate()));
    }
    if (source instanceof IdentitySource.Pkcs12 pkcs12) {
      return fromKeystore(pkcs12);
    }
    return createdIdentity((IdentitySource.Generated) source, gateway, clock);
  }

  private static GatewayIdentity createdIdentity(IdentitySource.Generated settings, GatewaySettings gateway, Clock clock)
      throws IdentityException {
    Path folder = folder(gateway);
    Path certificate = folder.resolve(CERTIFICATE_FILE);
    Path key = folder.resolve(KEY_FILE);
    if (IdentityFiles.exists(certificate)) {
      if (!IdentityFiles.exists(key)) {
        throw new IdentityException(certificate + " has no private key beside it (" + KEY_FILE + "); restore the key,"
            + " or delete the certificate to create a new identity (home clusters must then import the new one)");
      }
      return pair(key, PemCodec.readPrivateKey(key), PemCodec.readCertificate(certificate));
    }
    try {
      GatewayIdentity created = new CertificateMaker().create(gateway.id(), settings.keySize(), settings.validity(), clock.instant());
      Files.createDirectories(folder);
      AtomicFiles.restrictToOwner(folder);
      AtomicFiles.writePrivate(key, PemCodec.privateKeyPem(created.privateKey()).getBytes(StandardCharsets.US_ASCII));
      AtomicFiles.writePrivate(certificate, PemCodec.certificatePem(created.certificate()).getBytes(StandardCharsets.US_ASCII));
      LOG.info("created the gateway's TFTP identity in {}: {}-bit RSA, certificate SHA-256 {}", folder,
          settings.keySize(), created.fingerprint());
      return created;
    } catch (GeneralSecurityException | IOException e) {
      throw new IdentityException("cannot create the gateway's identity in " + folder + ": " + e.getMessage(), e);
    }
  }

  private static GatewayIdentity fromKeystore(IdentitySource.Pkcs12 settings) throws IdentityException {
    Path file = settings.keystore();
    try (InputStream in = new ByteArrayInputStream(IdentityFiles.read(file))) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, settings.password().toCharArray());
      for (String alias : Collections.list(store.aliases())) {
        if (!store.isKeyEntry(alias)) {
          continue;
        }
        Key key = store.getKey(alias, settings.password().toCharArray());
        Certificate certificate = store.getCertificate(alias);
        if (key instanceof PrivateKey privateKey && certificate instanceof X509Certificate x509) {
          return pair(file, privateKey, x509);
        }
      }
      throw new IdentityException(file + " holds no private key with an X.509 certificate");
    } catch (IOException e) {
      throw new IdentityException("cannot open the keystore " + file + " (wrong keystore-password, or not PKCS#12): "
          + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IdentityException("cannot read the keystore " + file + ": " + e.getMessage(), e);
    }
  }

  private static GatewayIdentity pair(Path source, PrivateKey key, X509Certificate certificate) throws IdentityException {
    try {
      return new GatewayIdentity(key, certificate);
    } catch (IllegalArgumentException e) {
      throw new IdentityException(source + ": " + e.getMessage());
    }
  }
}
