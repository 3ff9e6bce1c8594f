package io.proxytftp.password;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A salted, slow hash of a password, so that a configuration file never holds a password an admin
 * could reuse elsewhere: PBKDF2-HMAC-SHA256 with a random 16-byte salt and at least
 * {@value #MIN_ITERATIONS} iterations (OWASP's advice for this function), written as {@code
 * pbkdf2-sha256$<iterations>$<salt, base64>$<hash, base64>}. {@code proxytftp hash-password} makes
 * one.
 *
 * @param iterations PBKDF2's iteration count
 * @param salt 16 or more random bytes
 * @param hash the 32-byte derived key
 */
public record PasswordHash(int iterations, byte[] salt, byte[] hash) {
  public static final String SCHEME = "pbkdf2-sha256";
  public static final int MIN_ITERATIONS = 210_000;
  /** Far above what any hash made here uses; bounds the work one login attempt can cause. */
  public static final int MAX_ITERATIONS = 10_000_000;
  public static final int DEFAULT_ITERATIONS = 310_000;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final Pattern TEXT =
      Pattern.compile("pbkdf2-sha256\\$([0-9]{1,9})\\$([A-Za-z0-9+/=]+)\\$([A-Za-z0-9+/=]+)");
  private static final SecureRandom RANDOM = new SecureRandom();

  public PasswordHash {
    if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
      throw new IllegalArgumentException("iterations must be between " + MIN_ITERATIONS + " and " + MAX_ITERATIONS
          + ", got " + iterations);
    }
    if (salt.length < SALT_BYTES) {
      throw new IllegalArgumentException("the salt must have at least " + SALT_BYTES + " bytes, got " + salt.length);
    }
    if (hash.length != HASH_BYTES) {
      throw new IllegalArgumentException("the hash must have " + HASH_BYTES + " bytes, got " + hash.length);
    }
    salt = salt.clone();
    hash = hash.clone();
  }

  /** Hashes a password with a new random salt and {@value #DEFAULT_ITERATIONS} iterations. */
  public static PasswordHash create(char[] password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    return new PasswordHash(DEFAULT_ITERATIONS, salt, derive(password, salt, DEFAULT_ITERATIONS));
  }

  /**
   * Reads the text form.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  public static PasswordHash parse(String text) {
    Matcher matcher = TEXT.matcher(text);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("expected " + SCHEME + "$<iterations>$<salt>$<hash> (base64), as made by"
          + " 'proxytftp hash-password'");
    }
    try {
      return new PasswordHash(Integer.parseInt(matcher.group(1)), Base64.getDecoder().decode(matcher.group(2)),
          Base64.getDecoder().decode(matcher.group(3)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a valid " + SCHEME + " hash: " + e.getMessage(), e);
    }
  }

  /** Whether the password is the one hashed, compared in constant time. */
  public boolean matches(String password) {
    char[] characters = password.toCharArray();
    try {
      return MessageDigest.isEqual(hash, derive(characters, salt, iterations));
    } finally {
      Arrays.fill(characters, '\0');
    }
  }

  /** The text form, for the configuration file. */
  public String text() {
    Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
    return SCHEME + "$" + iterations + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
  }

  @Override
  public byte[] salt() {
    return salt.clone();
  }

  @Override
  public byte[] hash() {
    return hash.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PasswordHash that && iterations == that.iterations && Arrays.equals(salt, that.salt)
        && Arrays.equals(hash, that.hash);
  }

  @Override
  public int hashCode() {
    return Objects.hash(iterations, Arrays.hashCode(salt), Arrays.hashCode(hash));
  }

  @Override
  public String toString() {
    return "PasswordHash[" + SCHEME + ", " + iterations + " iterations]";
  }

  /** PBKDF2 of the password; the JDK's provider derives from the password's UTF-8 bytes. */
  private static byte[] derive(char[] password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BYTES * 8);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java 17 runtime", e);
    } finally {
      spec.clearPassword();
    }
  }
}
