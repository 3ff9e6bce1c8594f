package io.proxytftp.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads the {@code identity} section: a created identity's key size and lifetime, or the admin's
 * own PEM or PKCS#12 files.
 */
final class IdentitySection {
  private IdentitySection() {}

  static IdentitySource read(MappingReader identity, Path configFolder) {
    ValueParser<Path> file = PathValues.readableFile(configFolder);
    int keySize = identity.optional("key-size", 2048, IdentitySection::keySize);
    Duration validity = identity.duration("validity", Duration.ofDays(1), Duration.ofDays(36_500), Duration.ofDays(3_650));
    Optional<Path> certificate = identity.optional("certificate", Optional.empty(), text -> Optional.of(file.parse(text)));
    Optional<Path> privateKey = identity.optional("private-key", Optional.empty(), text -> Optional.of(file.parse(text)));
    Optional<Path> keystore = identity.optional("keystore", Optional.empty(), text -> Optional.of(file.parse(text)));
    Optional<String> password = identity.optional("keystore-password", Optional.empty(), Optional::of);
    identity.finish();
    if (keystore.isPresent()) {
      return pkcs12(identity, keystore.get(), password, certificate.isPresent() || privateKey.isPresent());
    }
    if (password.isPresent()) {
      identity.report("keystore-password", "given without a keystore");
    }
    if (certificate.isPresent() != privateKey.isPresent()) {
      String missing = certificate.isPresent() ? "private-key" : "certificate";
      if (!identity.refused(missing)) {
        identity.report(missing, "required with " + (certificate.isPresent() ? "certificate" : "private-key")
            + ": a PEM identity is a certificate and its private key");
      }
    }
    if (certificate.isPresent() && privateKey.isPresent()) {
      return new IdentitySource.PemFiles(certificate.get(), privateKey.get());
    }
    return new IdentitySource.Generated(keySize, validity);
  }

  private static IdentitySource pkcs12(MappingReader identity, Path keystore, Optional<String> password, boolean pemToo) {
    if (pemToo) {
      identity.report("keystore", "give either keystore or certificate and private-key, not both");
    }
    if (password.isEmpty()) {
      identity.report("keystore-password", "required with keystore (use \"\" for a key store without one)");
    }
    return new IdentitySource.Pkcs12(keystore, password.orElse(""));
  }

  /** Signed-file headers name 512, 1024, 2048 and 4096-bit keys; only the last two are safe today. */
  private static int keySize(String text) throws InvalidValueException {
    int bits = Scalars.integer(text, 2048, 4096);
    if (bits != 2048 && bits != 4096) {
      throw new InvalidValueException("must be 2048 or 4096 (the sizes a signed file can name), got " + text);
    }
    return bits;
  }
}
