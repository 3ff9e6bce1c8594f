package io.proxytftp.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxytftp.resolve.ResolvedFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
