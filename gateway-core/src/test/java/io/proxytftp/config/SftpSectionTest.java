package io.proxytftp.config;

import static io.proxytftp.config.Loading.MINIMAL;
import static io.proxytftp.config.Loading.onlyProblem;
import static io.proxytftp.config.Loading.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxytftp.password.PasswordHash;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SftpSectionTest {
  /** An Ed25519 key as ssh-keygen writes it. */
  static final String BLOB = "AAAAC3NzaC1lZDI1NTE5AAAAIC8zSRpvy1KG8u2DA2QlvK2deGi8AyFouj+VwVK/3YQm";
  static final String KEY = "ssh-ed25519 " + BLOB + " admin@host";
  static final String USERS = MINIMAL + "sftp:\n  users:\n";
  static final PasswordHash HASH = PasswordHash.create("correct horse".toCharArray());

  @Test
  void absentSectionHasNoUsersAndDefaultLimits() throws Exception {
    assertEquals(SftpSettings.none(), parse(MINIMAL).sftp());
    assertEquals(new SftpSettings(List.of(), 3, Duration.ofSeconds(30), Duration.ofMinutes(10)), SftpSettings.none());
  }

  @Test
  void usersWithHashesAndKeysAndLimitsAreRead() throws Exception {
    SftpSettings sftp = parse(MINIMAL + """
        sftp:
          users:
            - name: ops
              password-hash: ${HASH}
            - name: robot
              authorized-keys:
                - %s
          max-auth-attempts: 5
          auth-timeout: 10s
          idle-timeout: 1h
        """.formatted(KEY), Map.of("HASH", HASH.text())).sftp();
    assertEquals(new SftpSettings(List.of(
        new SftpSettings.User("ops", Optional.of(HASH), List.of()),
        new SftpSettings.User("robot", Optional.empty(), List.of(KEY))),
        5, Duration.ofSeconds(10), Duration.ofHours(1)),
        sftp);
  }

  @Test
  void aHashMatchesItsPasswordOnly() {
    assertTrue(HASH.matches("correct horse"));
    assertFalse(HASH.matches("correct horsf"));
    assertTrue(HASH.text().startsWith("pbkdf2-sha256$310000$"), HASH.text());
    assertEquals(HASH, PasswordHash.parse(HASH.text()));
  }

  @Test
  void aPlaintextPasswordIsRefusedWithAdvice() {
    ConfigProblem problem =
        onlyProblem(USERS + "    - { name: ops, password: secret, authorized-keys: ['" + KEY + "'] }\n");
    assertEquals("sftp.users[0].password", problem.field());
    assertTrue(problem.message().contains("proxytftp hash-password"), problem.message());
    assertEquals(6, problem.line());
  }

  @Test
  void unknownUserKeysAreNamed() {
    ConfigProblem problem = onlyProblem(USERS + "    - { name: ops, home: x, authorized-keys: ['" + KEY + "'] }\n");
    assertEquals("sftp.users[0].home", problem.field());
    assertEquals("unknown key 'home'; expected one of: name, password-hash, authorized-keys", problem.message());
  }

  @Test
  void aHashInAnotherSchemeIsRefused() {
    ConfigProblem problem = onlyProblem(USERS + "    - { name: ops, password-hash: '$2y$10$abc' }\n");
    assertEquals("sftp.users[0].password-hash", problem.field());
    assertTrue(problem.message().startsWith("expected pbkdf2-sha256$"), problem.message());
  }

  @Test
  void tooFewIterationsAreRefused() {
    String weak = HASH.text().replace("$310000$", "$1000$");
    ConfigProblem problem = onlyProblem(USERS + "    - { name: ops, password-hash: '" + weak + "' }\n");
    assertTrue(problem.message().contains("iterations must be between 210000"), problem.message());
  }

  @Test
  void aUserWithoutCredentialsIsRefused() {
    ConfigProblem problem = onlyProblem(USERS + "    - { name: ops }\n");
    assertEquals("sftp.users[0]", problem.field());
    assertEquals("a user needs password-hash or authorized-keys, or both", problem.message());
  }

  @Test
  void aBrokenKeyIsRefusedWithItsIndex() {
    ConfigProblem problem = onlyProblem(USERS + "    - name: ops\n      authorized-keys:\n"
        + "        - " + KEY + "\n        - ssh-rsa " + BLOB + "\n");
    assertEquals("sftp.users[0].authorized-keys[1]", problem.field());
    assertEquals("the key is not of type ssh-rsa", problem.message());
  }

  @Test
  void duplicateUsersAndBadNamesAreRefused() {
    assertEquals("sftp.users[1].name", onlyProblem(USERS + "    - { name: ops, authorized-keys: ['"
        + KEY + "'] }\n    - { name: ops, authorized-keys: ['" + KEY + "'] }\n").field());
    assertEquals("sftp.users[0].name",
        onlyProblem(USERS + "    - { name: 'a b', authorized-keys: ['" + KEY + "'] }\n").field());
  }

  @Test
  void limitsAreBounded() {
    ConfigProblem problem = onlyProblem(MINIMAL + "sftp: { max-auth-attempts: 0 }");
    assertEquals("sftp.max-auth-attempts", problem.field());
    assertEquals("sftp.auth-timeout", onlyProblem(MINIMAL + "sftp: { auth-timeout: 1h }").field());
  }

  @Test
  void theHashNeverShowsInTheSettingsText() throws Exception {
    String text = parse(USERS + "    - { name: ops, password-hash: '" + HASH.text() + "' }\n")
        .sftp().toString();
    assertFalse(text.contains(HASH.text().substring(30)), text);
  }
}
