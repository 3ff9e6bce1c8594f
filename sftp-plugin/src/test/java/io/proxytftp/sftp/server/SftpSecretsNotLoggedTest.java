package io.proxytftp.sftp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxytftp.testing.CapturedLogs;
import java.nio.file.Path;
import java.util.List;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wrong and a right SFTP password, logged as the shipped configuration logs at its most verbose
 * ({@code PROXYTFTP_LOG_LEVEL=TRACE}, SSHD's own logging included): neither password appears.
 */
class SftpSecretsNotLoggedTest {
  static final String WRONG_PASSWORD = "incorrect mule staple";

  @TempDir Path directory;

  @Test
  void noPasswordIsEverLogged() throws Exception {
    SftpFixture fixture = new SftpFixture(directory);
    List<String> lines;
    try (CapturedLogs logs = CapturedLogs.shippedAtTrace()) {
      fixture.start(fixture.config());
      try (ClientSession session = fixture.session(SftpFixture.USER)) {
        session.addPasswordIdentity(WRONG_PASSWORD);
        assertThrows(SshException.class, () -> session.auth().verify(SftpFixture.TIMEOUT));
      }
      try (ClientSession session = fixture.session(SftpFixture.USER)) {
        session.addPasswordIdentity(SftpFixture.PASSWORD);
        session.auth().verify(SftpFixture.TIMEOUT);
      }
      lines = logs.lines();
    } finally {
      fixture.close();
    }
    assertTrue(lines.stream().anyMatch(line -> line.contains("password refused for user 'admin'")), "logs were captured");
    for (String secret : List.of(SftpFixture.PASSWORD, WRONG_PASSWORD)) {
      assertEquals(List.of(), lines.stream().filter(line -> line.contains(secret)).toList(), secret);
    }
  }
}
