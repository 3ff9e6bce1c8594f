package io.proxytftp.sftp.server;

import io.proxytftp.cache.CacheWriter;
import io.proxytftp.cache.ContentCache;
import io.proxytftp.config.GatewayConfig;
import io.proxytftp.config.SftpSettings;
import io.proxytftp.index.DeviceIndex;
import io.proxytftp.index.DeviceRecord;
import io.proxytftp.password.PasswordHash;
import io.proxytftp.testing.RunningGateway;
import io.proxytftp.testing.TestConfigs;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

/** A gateway with an SFTP user, a filled store, cache and device index, and an SSHD client for it. */
final class SftpFixture {
  static final String USER = "admin";
  static final String PASSWORD = "correct horse battery";
  static final String MAC = "001956A3A472";
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  final Path directory;
  final KeyPair key;
  final byte[] firmware = new byte[300_000];
  final byte[] config = "<device/>\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
  final SshClient client = SshClient.setUpDefaultClient();
  RunningGateway gateway;

  SftpFixture(Path directory) throws Exception {
    this.directory = directory;
    this.key = KeyUtils.generateKeyPair("ecdsa-sha2-nistp256", 256);
    new Random(7).nextBytes(firmware);
    Path store = Files.createDirectories(directory.resolve("store"));
    Files.write(store.resolve("XMLDefault.cnf.xml"), config);
    Files.createDirectories(store.resolve("firmware"));
    Files.write(store.resolve("firmware/P0030801SR02.loads"), firmware);
    client.start();
  }

  /** A configuration with the one user, by password and by the fixture's key (and any other key lines). */
  GatewayConfig config(String... moreKeys) {
    List<String> keys = new java.util.ArrayList<>(List.of(PublicKeyEntry.toString(key.getPublic())));
    keys.addAll(List.of(moreKeys));
    SftpSettings sftp = new SftpSettings(List.of(new SftpSettings.User(USER,
        Optional.of(PasswordHash.create(PASSWORD.toCharArray())), keys)),
        3, Duration.ofSeconds(10), Duration.ofMinutes(1));
    GatewayConfig base = TestConfigs.withClusters(TestConfigs.gateway(directory, directory.resolve("store")),
        List.of(TestConfigs.cluster("cluster-a", new InetSocketAddress("127.0.0.1", 9)),
            TestConfigs.cluster("cluster-b", new InetSocketAddress("127.0.0.1", 9))));
    return TestConfigs.withSftp(base, sftp);
  }

  RunningGateway start(GatewayConfig config) throws Exception {
    gateway = RunningGateway.start(config);
    return gateway;
  }

  /** Fills the cache and the device index as fetches and re-signing would. */
  void fill() throws IOException {
    ContentCache cache = gateway.instance(ContentCache.class);
    cache(cache, "SEP" + MAC + ".cnf.xml", "cluster-b 127.0.0.1:7002", config);
    cache(cache, "P0030801SR02.loads", "cluster-a 127.0.0.1:7001", firmware);
    cache(cache, "English_United_States/mk-sip.jar", "cluster-a 127.0.0.1:7001", new byte[] {1, 2, 3});
    cache(cache, "RingList.xml.sgn", "re-signed by gw from cluster-b 127.0.0.1:7002", new byte[] {4, 5});
    gateway.instance(DeviceIndex.class).learn(
        new DeviceRecord(MAC, "cluster-b", "127.0.0.1:7002", "10.1.2.3", Instant.parse("2025-01-02T03:04:05Z")));
  }

  private static void cache(ContentCache cache, String name, String origin, byte[] content) throws IOException {
    try (CacheWriter writer = cache.writer(name, origin)) {
      writer.begin(OptionalLong.of(content.length));
      writer.write(ByteBuffer.wrap(content));
      writer.commit();
    }
  }

  ClientSession session(String user) throws IOException {
    InetSocketAddress address = gateway.address("sftp");
    ClientSession session = client.connect(user, address).verify(TIMEOUT).getSession();
    return session;
  }

  /** An SFTP client logged in with the password. */
  SftpClient sftp() throws IOException {
    ClientSession session = session(USER);
    session.addPasswordIdentity(PASSWORD);
    session.auth().verify(TIMEOUT);
    return SftpClientFactory.instance().createSftpClient(session).singleSessionInstance();
  }

  void close() throws IOException {
    if (gateway != null) {
      gateway.close();
    }
    client.stop();
  }
}
