package io.proxytftp.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.UnixOperatingSystemMXBean;
import io.proxytftp.resolve.ResolvedFile;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStoreTest {
  @TempDir Path directory;

  @Test
  void regularFileIsReadByPosition() throws Exception {
    Path root = Files.createDirectories(directory.resolve("store"));
    Files.writeString(root.resolve("RingList.xml"), "0123456789");
    LocalStore store = new LocalStore(root);
    try (ResolvedFile file = store.open("RingList.xml").orElseThrow()) {
      assertEquals(10, file.size());
      ByteBuffer buffer = ByteBuffer.allocate(4);
      assertEquals(4, file.read(buffer, 6));
      assertEquals("6789", new String(buffer.array(), StandardCharsets.US_ASCII));
      assertEquals(-1, file.read(ByteBuffer.allocate(4), 10));
    }
  }

  /** Ten thousand transfers of configurations at once must not need ten thousand descriptors besides their ports. */
  @Test
  void smallFilesHeldOpenHoldNoDescriptorLargeOnesDo() throws Exception {
    Path root = Files.createDirectories(directory.resolve("store"));
    Files.write(root.resolve("SEP001956A3A472.cnf.xml"), new byte[LocalStore.READ_WHOLE]);
    Files.write(root.resolve("P0030801SR02.sbn"), new byte[LocalStore.READ_WHOLE + 1]);
    LocalStore store = new LocalStore(root);
    UnixOperatingSystemMXBean os = (UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    List<ResolvedFile> open = new ArrayList<>();
    try {
      long before = os.getOpenFileDescriptorCount();
      for (int i = 0; i < 100; i++) {
        open.add(store.open("SEP001956A3A472.cnf.xml").orElseThrow());
      }
      assertTrue(os.getOpenFileDescriptorCount() - before < 10, "descriptors held by 100 small files");
      open.add(store.open("P0030801SR02.sbn").orElseThrow());
      assertTrue(os.getOpenFileDescriptorCount() > before, "a large file is read from its descriptor");
      assertEquals(LocalStore.READ_WHOLE, open.get(0).readAll(LocalStore.READ_WHOLE).length);
    } finally {
      open.forEach(ResolvedFile::close);
    }
  }

  @Test
  void missingFileAndDirectoryAreNotFound() throws Exception {
    Path root = Files.createDirectories(directory.resolve("store"));
    Files.createDirectories(root.resolve("Desktops"));
    LocalStore store = new LocalStore(root);
    assertTrue(store.open("missing.xml").isEmpty());
    assertTrue(store.open("Desktops").isEmpty());
  }

  @Test
  void symbolicLinkLeavingTheStoreIsNotFollowed() throws Exception {
    Path root = Files.createDirectories(directory.resolve("store"));
    Path secret = Files.writeString(directory.resolve("secret.txt"), "secret");
    Files.createSymbolicLink(root.resolve("link.txt"), secret);
    Files.createSymbolicLink(root.resolve("outside"), directory);
    LocalStore store = new LocalStore(root);
    assertTrue(store.open("link.txt").isEmpty());
    assertTrue(store.open("outside/secret.txt").isEmpty());
  }

  @Test
  void symbolicLinkInsideTheStoreIsFollowed() throws Exception {
    Path root = Files.createDirectories(directory.resolve("store"));
    Files.writeString(root.resolve("real.xml"), "x");
    Files.createSymbolicLink(root.resolve("alias.xml"), root.resolve("real.xml"));
    try (ResolvedFile file = new LocalStore(root).open("alias.xml").orElseThrow()) {
      assertEquals(1, file.size());
    }
  }
}
