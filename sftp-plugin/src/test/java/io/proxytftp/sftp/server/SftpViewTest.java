package io.proxytftp.sftp.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.StreamSupport;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SftpViewTest {
  @TempDir static Path directory;
  SftpFixture fixture;
  SftpClient sftp;

  @BeforeAll
  void start() throws Exception {
    fixture = new SftpFixture(directory);
    fixture.start(fixture.config());
    fixture.fill();
    sftp = fixture.sftp();
  }

  @AfterAll
  void stop() throws IOException {
    sftp.close();
    fixture.close();
  }

  private Map<String, SftpClient.Attributes> list(String folder) throws IOException {
    Map<String, SftpClient.Attributes> entries = new TreeMap<>();
    StreamSupport.stream(sftp.readDir(folder).spliterator(), false)
        .filter(entry -> !entry.getFilename().equals(".") && !entry.getFilename().equals(".."))
        .forEach(entry -> entries.put(entry.getFilename(), entry.getAttributes()));
    return entries;
  }

  private byte[] read(String path) throws IOException {
    try (InputStream in = sftp.read(path)) {
      return in.readAllBytes();
    }
  }

  private static void assertDenied(org.junit.jupiter.api.function.Executable operation) {
    SftpException refused = assertThrows(SftpException.class, operation);
    assertEquals(SftpConstants.SSH_FX_PERMISSION_DENIED, refused.getStatus(), refused.getMessage());
  }

  @Test
  void runsOnTheMinaTransport() {
    assertEquals("MinaServiceFactory", fixture.gateway.instance(SftpServer.class).transport());
  }

  @Test
  void rootShowsTheSixViews() throws IOException {
    assertEquals(List.of("cache", "certificate", "clusters", "devices", "local", "signed"),
        List.copyOf(list("/").keySet()));
    assertTrue(list("/").get("cache").isDirectory());
    assertTrue(list("/").get("certificate").isRegularFile());
    assertEquals("/", sftp.canonicalPath("."));
  }

  @Test
  void localShowsTheStoreWithSizesAndReadOnlyPermissions() throws IOException {
    Map<String, SftpClient.Attributes> local = list("/local");
    assertEquals(List.of("XMLDefault.cnf.xml", "firmware"), List.copyOf(local.keySet()));
    assertEquals(fixture.config.length, local.get("XMLDefault.cnf.xml").getSize());
    assertEquals(0444, local.get("XMLDefault.cnf.xml").getPermissions() & 0777);
    assertEquals(0555, local.get("firmware").getPermissions() & 0777);
    assertEquals(Files.getLastModifiedTime(directory.resolve("store/XMLDefault.cnf.xml")).toMillis() / 1000,
        sftp.stat("/local/XMLDefault.cnf.xml").getModifyTime().toMillis() / 1000);
    assertArrayEquals(fixture.firmware, read("/local/firmware/P0030801SR02.loads"));
  }

  @Test
  void cacheShowsEveryEntryNestedNamesAsFolders() throws IOException {
    Map<String, SftpClient.Attributes> cache = list("/cache");
    assertEquals(List.of("English_United_States", "P0030801SR02.loads", "RingList.xml.sgn", "SEP001956A3A472.cnf.xml"),
        List.copyOf(cache.keySet()));
    assertTrue(cache.get("English_United_States").isDirectory());
    assertEquals(List.of("mk-sip.jar"), List.copyOf(list("/cache/English_United_States").keySet()));
    assertEquals(fixture.firmware.length, cache.get("P0030801SR02.loads").getSize());
    assertArrayEquals(new byte[] {1, 2, 3}, read("/cache/English_United_States/mk-sip.jar"));
  }

  @Test
  void clustersShowWhatCameFromEach() throws IOException {
    assertEquals(List.of("cluster-a", "cluster-b"), List.copyOf(list("/clusters").keySet()));
    assertEquals(List.of("English_United_States", "P0030801SR02.loads"),
        List.copyOf(list("/clusters/cluster-a").keySet()));
    assertEquals(List.of("RingList.xml.sgn", "SEP001956A3A472.cnf.xml"),
        List.copyOf(list("/clusters/cluster-b").keySet()));
    assertArrayEquals(fixture.config, read("/clusters/cluster-b/SEP001956A3A472.cnf.xml"));
  }

  @Test
  void signedShowsTheReSignedCommonFiles() throws IOException {
    assertEquals(List.of("RingList.xml.sgn"), List.copyOf(list("/signed").keySet()));
  }

  @Test
  void devicesAreSmallTextFiles() throws IOException {
    assertEquals(List.of(SftpFixture.MAC), List.copyOf(list("/devices").keySet()));
    String text = new String(read("/devices/" + SftpFixture.MAC), StandardCharsets.UTF_8);
    assertTrue(text.contains("cluster: cluster-b\n") && text.contains("address: 127.0.0.1:7002\n")
        && text.contains("client: 10.1.2.3\n") && text.contains("learned-at: 2025-01-02T03:04:05Z\n"), text);
    assertEquals(text.length(), sftp.stat("/devices/" + SftpFixture.MAC).getSize());
  }

  @Test
  void certificateIsTheGatewaysPem() throws IOException {
    String pem = new String(read("/certificate"), StandardCharsets.US_ASCII);
    assertTrue(pem.startsWith("-----BEGIN CERTIFICATE-----"), pem);
  }

  @Test
  void randomAccessReadsAreByteIdentical() throws IOException {
    try (SftpClient.CloseableHandle handle = sftp.open("/cache/P0030801SR02.loads")) {
      for (int offset : new int[] {250_000, 0, 123_457, 299_990}) {
        byte[] buffer = new byte[100];
        int read = sftp.read(handle, offset, buffer);
        int expected = Math.min(100, fixture.firmware.length - offset);
        assertEquals(expected, read);
        assertArrayEquals(Arrays.copyOfRange(fixture.firmware, offset, offset + expected), Arrays.copyOf(buffer, read));
      }
      assertEquals(-1, sftp.read(handle, fixture.firmware.length, new byte[10]));
    }
  }

  @Test
  void missingNamesAndEscapesAreNotFound() throws IOException {
    SftpException missing = assertThrows(SftpException.class, () -> sftp.stat("/cache/nothing"));
    assertEquals(SftpConstants.SSH_FX_NO_SUCH_FILE, missing.getStatus());
    assertEquals("/", sftp.canonicalPath("/local/../../.."));
    assertThrows(SftpException.class, () -> sftp.stat("/local/../../etc/passwd"));
  }

  @Test
  void everyChangeIsRefusedAndNothingChanges() throws Exception {
    assertDenied(() -> sftp.open("/local/new.txt", SftpClient.OpenMode.Write, SftpClient.OpenMode.Create));
    assertDenied(() -> sftp.open("/local/XMLDefault.cnf.xml", SftpClient.OpenMode.Write));
    assertDenied(() -> sftp.open("/cache/P0030801SR02.loads", SftpClient.OpenMode.Append));
    assertDenied(() -> sftp.remove("/local/XMLDefault.cnf.xml"));
    assertDenied(() -> sftp.remove("/cache/P0030801SR02.loads"));
    assertDenied(() -> sftp.rename("/local/XMLDefault.cnf.xml", "/local/moved.xml"));
    assertDenied(() -> sftp.mkdir("/local/folder"));
    assertDenied(() -> sftp.rmdir("/local/firmware"));
    SftpClient.Attributes attributes = new SftpClient.Attributes();
    attributes.setPermissions(0777);
    assertDenied(() -> sftp.setStat("/local/XMLDefault.cnf.xml", attributes));
    assertDenied(() -> sftp.symLink("/local/link", "/local/XMLDefault.cnf.xml"));
    try (SftpClient.CloseableHandle handle = sftp.open("/local/XMLDefault.cnf.xml")) {
      assertDenied(() -> sftp.write(handle, 0, new byte[] {1}));
    }
    try (var files = Files.list(directory.resolve("store"))) {
      assertEquals(List.of("XMLDefault.cnf.xml", "firmware"),
          files.map(file -> file.getFileName().toString()).sorted().toList());
    }
    assertArrayEquals(fixture.config, Files.readAllBytes(directory.resolve("store/XMLDefault.cnf.xml")));
    assertEquals(4, fixture.gateway.instance(io.proxytftp.cache.ContentCache.class).entries().size());
  }

  @Test
  void wrongPasswordAndUnknownUserAreRefused() throws IOException {
    MeterRegistry meters = fixture.gateway.instance(MeterRegistry.class);
    double failures = meters.counter("sftp.auth.failures").count();
    try (ClientSession session = fixture.session(SftpFixture.USER)) {
      session.addPasswordIdentity("wrong password");
      assertThrows(SshException.class, () -> session.auth().verify(SftpFixture.TIMEOUT));
    }
    try (ClientSession session = fixture.session("nobody")) {
      session.addPasswordIdentity(SftpFixture.PASSWORD);
      assertThrows(SshException.class, () -> session.auth().verify(SftpFixture.TIMEOUT));
    }
    assertTrue(meters.counter("sftp.auth.failures").count() >= failures + 2);
  }

  @Test
  void theConfiguredKeyLogsInAndAnotherDoesNot() throws Exception {
    try (ClientSession session = fixture.session(SftpFixture.USER)) {
      session.addPublicKeyIdentity(fixture.key);
      session.auth().verify(SftpFixture.TIMEOUT);
      assertTrue(session.isAuthenticated());
    }
    KeyPair stranger = KeyUtils.generateKeyPair("ecdsa-sha2-nistp256", 256);
    try (ClientSession session = fixture.session(SftpFixture.USER)) {
      session.addPublicKeyIdentity(stranger);
      assertThrows(SshException.class, () -> session.auth().verify(SftpFixture.TIMEOUT));
    }
  }

  /** The session channel opens, but its exec or shell request is refused and the channel closes without running. */
  @Test
  void shellAndExecChannelsAreRefused() throws IOException {
    try (ClientSession session = fixture.session(SftpFixture.USER)) {
      session.addPasswordIdentity(SftpFixture.PASSWORD);
      session.auth().verify(SftpFixture.TIMEOUT);
      CoreModuleProperties.REQUEST_EXEC_REPLY.set(session, true);
      CoreModuleProperties.REQUEST_SHELL_REPLY.set(session, true);
      for (ClientChannel channel : List.of(session.createExecChannel("id"), session.createShellChannel())) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        channel.setOut(output);
        channel.setErr(output);
        try {
          channel.open().verify(SftpFixture.TIMEOUT);
        } catch (IOException refused) {
          continue;
        }
        Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), SftpFixture.TIMEOUT);
        assertTrue(events.contains(ClientChannelEvent.CLOSED), events.toString());
        assertEquals(null, channel.getExitStatus());
        assertEquals(0, output.size());
      }
    }
  }

  @Test
  void readsAreCounted() throws IOException {
    MeterRegistry meters = fixture.gateway.instance(MeterRegistry.class);
    double bytes = meters.counter("sftp.bytes.read").count();
    read("/local/XMLDefault.cnf.xml");
    assertTrue(meters.counter("sftp.bytes.read").count() >= bytes + fixture.config.length);
    assertTrue(meters.counter("sftp.files.read").count() >= 1);
    assertTrue(meters.counter("sftp.sessions.opened").count() >= 1);
    assertFalse(fixture.gateway.address("sftp").getAddress().isAnyLocalAddress());
  }

}
