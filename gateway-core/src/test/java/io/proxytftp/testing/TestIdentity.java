package io.proxytftp.testing;

import io.proxytftp.config.GatewaySettings;
import io.proxytftp.config.IdentitySource;
import io.proxytftp.identity.GatewayIdentity;
import io.proxytftp.identity.IdentityException;
import io.proxytftp.identity.IdentityLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One identity for every test gateway of a test run, created once as PEM files: creating an RSA
 * key for each of the many gateways the tests start would cost seconds for nothing. Tests of
 * identity creation itself configure {@link IdentitySource.Generated}.
 */
public final class TestIdentity {
  private static final Map<String, IdentitySource.PemFiles> NAMED = new HashMap<>();

  private TestIdentity() {}

  /** The identity every test gateway has unless a test gives it another. */
  public static IdentitySource.PemFiles shared() {
    return named("test-gateway");
  }

  /** An identity of its own for {@code name} (such as a remote cluster), the same for the whole run. */
  public static synchronized IdentitySource.PemFiles named(String name) {
    return NAMED.computeIfAbsent(name, TestIdentity::create);
  }

  /** The key and certificate of one of these identities, to sign test files with. */
  public static GatewayIdentity load(IdentitySource.PemFiles identity) {
    try {
      return IdentityLoader.load(identity, new GatewaySettings("unused", Path.of("unused"), Path.of("unused")),
          Clock.systemUTC());
    } catch (IdentityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The certificate of one of these identities. */
  public static X509Certificate certificate(IdentitySource.PemFiles identity) {
    try (InputStream in = Files.newInputStream(identity.certificate())) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (CertificateException e) {
      throw new IllegalStateException(e);
    }
  }

  private static IdentitySource.PemFiles create(String name) {
    try {
      Path directory = Files.createTempDirectory("proxytftp-test-identity");
      GatewaySettings gateway = new GatewaySettings(name, directory, directory.resolve("store"));
      IdentityLoader.load(new IdentitySource.Generated(2048, Duration.ofDays(30)), gateway, Clock.systemUTC());
      Path folder = IdentityLoader.folder(gateway);
      for (Path path : new Path[] {directory, folder, folder.resolve("tftp-cert.pem"), folder.resolve("tftp-key.pem")}) {
        path.toFile().deleteOnExit(); // deleted in reverse order: files, then folders
      }
      return new IdentitySource.PemFiles(folder.resolve("tftp-cert.pem"), folder.resolve("tftp-key.pem"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IdentityException e) {
      throw new IllegalStateException(e);
    }
  }
}
