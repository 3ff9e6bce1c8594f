package io.proxytftp.sftp.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenSSH {@code sftp} client in batch mode against the view: what admins will actually use.
 * Needs {@code sftp} and {@code ssh-keygen} (openssh-client, installed by interop/install-peers).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenSshSftpTest {
  private static final Path SFTP = Path.of("/usr/bin/sftp");
  private static final Path SSH_KEYGEN = Path.of("/usr/bin/ssh-keygen");

  @TempDir static Path directory;
  SftpFixture fixture;
  Path key;

  @BeforeAll
  void start() throws Exception {
    assertTrue(Files.isExecutable(SFTP) && Files.isExecutable(SSH_KEYGEN),
        "OpenSSH client not installed: run interop/install-peers");
    key = directory.resolve("id_ed25519");
    assertEquals(0, run(List.of(SSH_KEYGEN.toString(), "-q", "-t", "ed25519", "-N", "", "-C", "test", "-f",
        key.toString()), List.of()).exitCode);
    fixture = new SftpFixture(directory.resolve("gateway"));
    fixture.start(fixture.config(Files.readString(directory.resolve("id_ed25519.pub")).strip()));
    fixture.fill();
  }

  @AfterAll
  void stop() throws IOException {
    if (fixture != null) {
      fixture.close();
    }
  }

  private record Result(int exitCode, String output) {}

  private static Result run(List<String> command, List<String> environment) throws Exception {
    return run(command, environment, Path.of("/dev/null"));
  }

  private static Result run(List<String> command, List<String> environment, Path input) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(input.toFile()));
    for (String variable : environment) {
      int equals = variable.indexOf('=');
      builder.environment().put(variable.substring(0, equals), variable.substring(equals + 1));
    }
    builder.environment().remove("SSH_AUTH_SOCK");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "sftp did not finish: " + output);
    return new Result(process.exitValue(), output);
  }

  /** The sftp command line; {@code -b} (which forces BatchMode=yes) only for public-key logins. */
  private List<String> sftp(String... options) {
    InetSocketAddress address = fixture.gateway.address("sftp");
    List<String> command = new ArrayList<>(List.of(SFTP.toString(), "-P",
        String.valueOf(address.getPort()), "-F", "/dev/null", "-o", "StrictHostKeyChecking=no",
        "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR"));
    command.addAll(List.of(options));
    command.add(SftpFixture.USER + "@" + address.getAddress().getHostAddress());
    return command;
  }

  private Result withKey(String... batchLines) throws Exception {
    Path batch =
        Files.writeString(Files.createTempFile(directory, "batch", ".txt"), String.join("\n", batchLines) + "\n");
    return run(sftp("-b", batch.toString(), "-i", key.toString(), "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes"),
        List.of());
  }

  @Test
  void listsAndGetsByteIdenticalFiles() throws Exception {
    Path target = directory.resolve("downloaded.loads");
    Result result = withKey("ls -l /", "ls /clusters/cluster-a", "get /cache/P0030801SR02.loads " + target);
    assertEquals(0, result.exitCode, result.output);
    assertTrue(result.output.contains("cache") && result.output.contains("devices") && result.output.contains("signed"),
        result.output);
    assertTrue(result.output.contains("P0030801SR02.loads"), result.output);
    assertTrue(result.output.contains(" proxytftp proxytftp "), "owner and group as names: " + result.output);
    assertArrayEquals(fixture.firmware, Files.readAllBytes(target));
  }

  @Test
  void aPutIsRefused() throws Exception {
    Path upload = Files.writeString(directory.resolve("upload.txt"), "not wanted");
    Result result = withKey("put " + upload + " /local/upload.txt");
    assertNotEquals(0, result.exitCode, result.output);
    assertTrue(result.output.toLowerCase().contains("permission denied"), result.output);
    assertFalse(Files.exists(directory.resolve("gateway/store/upload.txt")));
  }

  @Test
  void theRightPasswordLogsInAndAWrongOneFails() throws Exception {
    Path batch = Files.writeString(directory.resolve("password-batch.txt"), "ls /\n");
    Result right = withPassword(batch, SftpFixture.PASSWORD);
    assertEquals(0, right.exitCode, right.output);
    Result wrong = withPassword(batch, "wrong password");
    assertNotEquals(0, wrong.exitCode, wrong.output);
  }

  /**
   * OpenSSH reads the password from SSH_ASKPASS when forced, never from a terminal here; the commands
   * come on standard input, as {@code -b} would refuse password logins.
   */
  private Result withPassword(Path batch, String password) throws Exception {
    Path askpass = directory.resolve("askpass-" + Math.abs(password.hashCode()) + ".sh");
    Files.writeString(askpass, "#!/bin/sh\nprintf '%s\\n' '" + password + "'\n");
    Files.setPosixFilePermissions(askpass, PosixFilePermissions.fromString("rwx------"));
    return run(sftp("-o", "BatchMode=no", "-o", "PreferredAuthentications=password,keyboard-interactive",
        "-o", "PubkeyAuthentication=no", "-o", "NumberOfPasswordPrompts=1"),
        List.of("SSH_ASKPASS=" + askpass, "SSH_ASKPASS_REQUIRE=force", "DISPLAY=:0"), batch);
  }
}
