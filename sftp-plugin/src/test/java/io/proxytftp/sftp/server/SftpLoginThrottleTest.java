package io.proxytftp.sftp.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxytftp.password.LoginThrottle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repeated wrong SFTP passwords from one address are answered later and later, through SSHD's
 * asynchronous authentication, with the SSHD client: the first failures at once, then each answer
 * only once a lock twice as long as the last has passed, while another address logs in at once; a
 * success starts the address afresh.
 */
class SftpLoginThrottleTest {
  static final Duration FIRST_LOCK = LoginThrottle.FIRST_LOCK;

  @TempDir Path directory;
  SftpFixture fixture;

  @BeforeEach
  void start() throws Exception {
    fixture = new SftpFixture(directory);
    fixture.start(fixture.config());
  }

  @AfterEach
  void stop() throws IOException {
    fixture.close();
  }

  /** One connection from {@code local}, trying each password in turn; how long until the server decided. */
  private Duration login(String local, boolean succeeds, String... passwords) throws IOException {
    long started = System.nanoTime();
    try (ClientSession session = fixture.client.connect(SftpFixture.USER, fixture.gateway.address("sftp"),
        new InetSocketAddress(local, 0)).verify(SftpFixture.TIMEOUT).getSession()) {
      for (String password : passwords) {
        session.addPasswordIdentity(password);
      }
      if (succeeds) {
        session.auth().verify(SftpFixture.TIMEOUT);
      } else {
        assertThrows(SshException.class, () -> session.auth().verify(SftpFixture.TIMEOUT));
      }
    }
    return Duration.ofNanos(System.nanoTime() - started);
  }

  @Test
  void repeatedWrongPasswordsAreAnsweredOnlyAfterTheLock() throws Exception {
    login("127.0.0.1", false, "wrong 1", "wrong 2"); // free: a mistyped password
    Duration third = login("127.0.0.1", false, "wrong 3");
    assertTrue(third.compareTo(FIRST_LOCK) >= 0, "the third failure waits out a lock, took " + third);

    CompletableFuture<Duration> fourth = CompletableFuture.supplyAsync(() -> {
      try {
        return login("127.0.0.1", false, "wrong 4");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    login("127.0.0.2", true, SftpFixture.PASSWORD);
    assertFalse(fourth.isDone(), "another address logged in while this one still waits");
    Duration doubled = fourth.get(SftpFixture.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertTrue(doubled.compareTo(FIRST_LOCK.multipliedBy(2)) >= 0, "twice as long, took " + doubled);

    login("127.0.0.1", true, SftpFixture.PASSWORD);
    Duration afresh = login("127.0.0.1", false, "wrong 5");
    assertTrue(afresh.compareTo(FIRST_LOCK.multipliedBy(4)) < 0, "a success started the address afresh, took " + afresh);
  }
}
