package io.proxytftp.lifecycle;

import io.proxytftp.config.GatewayConfig;
import io.proxytftp.plugin.StartException;
import io.proxytftp.testing.RunningGateway;
import io.proxytftp.testing.TestConfigs;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The data directory at start: one gateway at a time, and what lives in it usable, or the start is
 * refused with one line naming the path. Faults are made with files where folders belong (and the
 * reverse), which stop root too; tests run as root, whom permissions do not stop.
 */
class DataDirectoryTest {
  @TempDir Path directory;

  private GatewayConfig config(String name) throws Exception {
    Path folder = Files.createDirectories(directory.resolve(name));
    return TestConfigs.gateway(folder, Files.createDirectories(folder.resolve("store")));
  }

  private GatewayConfig sharing(GatewayConfig first, String name) throws Exception {
    return TestConfigs.withDataDirectory(config(name), first.gateway().dataDirectory());
  }

  @Test
  void aSecondGatewayOnTheSameDataDirectoryIsRefusedNamingTheFirst() throws Exception {
    GatewayConfig first = config("first");
    try (RunningGateway running = RunningGateway.start(first)) {
      StartException refused = assertThrows(StartException.class,
          () -> RunningGateway.start(sharing(first, "second")).close());

      String message = refused.getMessage();
      assertTrue(message.startsWith("the data directory " + first.gateway().dataDirectory().toRealPath()
          + " is in use by another gateway (pid " + ProcessHandle.current().pid() + ", started "), message);
      assertTrue(message.contains("gateway " + first.gateway().id()), message);
      assertEquals(1, message.lines().count(), message);
      String lock = Files.readString(first.gateway().dataDirectory().resolve("lock"));
      assertTrue(lock.contains("gateway " + first.gateway().id()), "the first gateway's lock file is intact: " + lock);
    }
  }

  @Test
  void aStoppedGatewaysDataDirectoryServesTheNextStart() throws Exception {
    GatewayConfig first = config("first");
    RunningGateway.start(first).close();
    RunningGateway.start(sharing(first, "second")).close();
    try (RunningGateway again = RunningGateway.start(first)) {
      again.stop(Duration.ZERO);
    }
  }

  @Test
  void aLockTakenElsewhereInThisProcessRefusesTheStart() throws Exception {
    GatewayConfig config = config("locked");
    Path data = Files.createDirectories(config.gateway().dataDirectory());
    try (FileChannel channel = FileChannel.open(data.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = channel.lock()) {
      channel.write(java.nio.ByteBuffer.wrap("pid 4242, started 2026-01-01T00:00:00Z, gateway elsewhere\n".getBytes()));
      StartException refused = assertThrows(StartException.class, () -> RunningGateway.start(config).close());
      assertTrue(refused.getMessage().contains("is in use by another gateway (pid 4242, started 2026-01-01T00:00:00Z,"
          + " gateway elsewhere)"), refused.getMessage());
      assertTrue(held.isValid());
    }
    RunningGateway.start(config).close();
  }

  @Test
  void aFileWhereTheCacheFolderBelongsRefusesTheStartNamingIt() throws Exception {
    GatewayConfig config = config("cache-is-a-file");
    Path cache = Files.createDirectories(config.gateway().dataDirectory()).resolve("cache");
    Files.writeString(cache, "not a folder");

    StartException refused = assertThrows(StartException.class, () -> RunningGateway.start(config).close());

    assertEquals(cache + " is not a folder; it is the gateway's cache", refused.getMessage());
  }

  @Test
  void aFileWhereTheDataDirectoryBelongsRefusesTheStartNamingIt() throws Exception {
    GatewayConfig config = config("data-is-a-file");
    Files.writeString(config.gateway().dataDirectory(), "not a folder");

    StartException refused = assertThrows(StartException.class, () -> RunningGateway.start(config).close());

    assertEquals(config.gateway().dataDirectory() + " is not a folder; it is the gateway's data directory",
        refused.getMessage());
  }

  @Test
  void aFolderWhereTheSavedClusterListBelongsRefusesTheStartNamingIt() throws Exception {
    GatewayConfig config = config("clusters-is-a-folder");
    Path clusters = Files.createDirectories(config.gateway().dataDirectory().resolve("remote-clusters.yaml"));

    StartException refused = assertThrows(StartException.class, () -> RunningGateway.start(config).close());

    assertEquals(clusters + " is not a file; it is the gateway's saved cluster list", refused.getMessage());
  }

  @Test
  void anUnwritableDataDirectoryRefusesTheStartNamingThePermission() throws Exception {
    assumeFalse("root".equals(System.getProperty("user.name")), "permissions do not stop root");
    GatewayConfig config = config("read-only");
    Path data = Files.createDirectories(config.gateway().dataDirectory());
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      StartException refused = assertThrows(StartException.class, () -> RunningGateway.start(config).close());
      assertTrue(refused.getMessage().startsWith("cannot write in " + data + " (owner "), refused.getMessage());
    } finally {
      Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void theDefaultLocalStoreIsCreatedAtStart() throws Exception {
    GatewayConfig base = config("default-store");
    Path data = base.gateway().dataDirectory();
    GatewayConfig config = new GatewayConfig(base.source(), new io.proxytftp.config.GatewaySettings(base.gateway().id(),
        data, data.resolve("store")), base.listeners(), base.limits(), base.caches(), base.upstream(), base.identity(),
        base.signing(), base.admin(), base.sftp(), base.remoteClusters());

    RunningGateway.start(config).close();

    assertTrue(Files.isDirectory(data.resolve("store")));
  }
}
