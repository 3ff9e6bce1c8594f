package io.proxytftp.config;

import io.proxytftp.password.PasswordHash;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads the {@code sftp} section: the admins who may browse over SFTP and the login limits. */
final class SftpSection {
  private static final TextRule NAME = new TextRule(1, 32,
      c -> TextRule.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-', "letters, digits, '.', '_', '-'");

  private SftpSection() {}

  static SftpSettings read(MappingReader sftp) {
    List<SftpSettings.User> users = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (MappingReader user : sftp.sequence("users")) {
      String name = user.required("name", "", NAME);
      Optional<PasswordHash> hash = user.optional("password-hash", Optional.empty(), SftpSection::passwordHash);
      List<String> keys = user.strings("authorized-keys", List.of(), SftpSection::publicKey);
      user.finish(key -> key.equals("password")
          ? Optional.of("a password is never written in the configuration; give password-hash, made by"
              + " 'proxytftp hash-password'")
          : Optional.empty());
      if (!name.isEmpty() && !names.add(name)) {
        user.report("name", "duplicate user '" + name + "'");
      }
      if (hash.isEmpty() && keys.isEmpty() && !user.refused("password-hash") && !user.refused("authorized-keys")) {
        user.report("a user needs password-hash or authorized-keys, or both");
      }
      users.add(new SftpSettings.User(name, hash, keys));
    }
    int attempts = sftp.integer("max-auth-attempts", 1, 20, SftpSettings.DEFAULT_MAX_AUTH_ATTEMPTS);
    Duration authTimeout =
        sftp.duration("auth-timeout", Duration.ofSeconds(1), Duration.ofMinutes(10), SftpSettings.DEFAULT_AUTH_TIMEOUT);
    Duration idleTimeout =
        sftp.duration("idle-timeout", Duration.ofSeconds(10), Duration.ofDays(1), SftpSettings.DEFAULT_IDLE_TIMEOUT);
    sftp.finish();
    return new SftpSettings(users, attempts, authTimeout, idleTimeout);
  }

  private static Optional<PasswordHash> passwordHash(String text) throws InvalidValueException {
    try {
      return Optional.of(PasswordHash.parse(text));
    } catch (IllegalArgumentException e) {
      throw new InvalidValueException(e.getMessage());
    }
  }

  /**
   * An OpenSSH public key line, {@code <type> <base64 key> [comment]}, whose key blob names the
   * same type; options such as {@code from="..."} are not supported.
   */
  static String publicKey(String text) throws InvalidValueException {
    String[] parts = text.strip().split("\\s+", 3);
    if (parts.length < 2) {
      throw new InvalidValueException("expected an OpenSSH public key line: <type> <base64 key> [comment]");
    }
    try {
      DataInputStream blob = new DataInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(parts[1])));
      int length = blob.readInt();
      if (length <= 0 || length > 64) {
        throw new IOException("bad type length");
      }
      byte[] type = blob.readNBytes(length);
      if (!new String(type, StandardCharsets.US_ASCII).equals(parts[0])) {
        throw new InvalidValueException("the key is not of type " + parts[0]);
      }
    } catch (IllegalArgumentException | IOException e) {
      throw new InvalidValueException("expected an OpenSSH public key line: <type> <base64 key> [comment]; the key is"
          + " not valid base64 of an SSH public key");
    }
    return text.strip();
  }
}
