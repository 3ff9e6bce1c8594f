package io.proxytftp.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The disk tier's folder and the only code that names its files. A name from a phone never
 * becomes a path: each name maps to a key, the SHA-256 of the name, and lives in the fan-out
 * folder named by the key's first two digits:
 *
 * <pre>
 *   cache/ab/abcd…ef.meta           the sidecar: the entry, which names the blob's content digest
 *   cache/ab/abcd…ef.&lt;content sha&gt;  the blob of that version
 *   cache/incoming-….tmp            data and sidecars being written
 * </pre>
 *
 * See {@link ContentCache} for why a blob's file name carries its content digest.
 */
final class BlobFolder {
  private static final String SIDECAR = ".meta";
  private static final String TEMPORARY = ".tmp";

  private final Path root;

  BlobFolder(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  void create() throws IOException {
    Files.createDirectories(root);
  }

  /** A new, empty temporary file in the cache folder, so that renaming it into place is atomic. */
  Path newTemporaryFile() throws IOException {
    return Files.createTempFile(root, "incoming-", TEMPORARY);
  }

  Path blob(CacheEntry entry) {
    String key = Sha256.of(entry.name());
    return fanOut(key).resolve(key + "." + entry.sha256());
  }

  Path sidecar(String name) {
    String key = Sha256.of(name);
    return fanOut(key).resolve(key + SIDECAR);
  }

  private Path fanOut(String key) {
    return root.resolve(key.substring(0, 2));
  }

  /** Writes the entry's sidecar to a temporary file and forces it to disk, ready to publish. */
  Path stageSidecar(CacheEntry entry) throws IOException {
    Path staged = newTemporaryFile();
    try (FileChannel channel = FileChannel.open(staged, StandardOpenOption.WRITE)) {
      ByteBuffer text = ByteBuffer.wrap(Sidecar.encode(entry));
      while (text.hasRemaining()) {
        channel.write(text);
      }
      channel.force(true);
    } catch (IOException e) {
      Files.deleteIfExists(staged);
      throw e;
    }
    return staged;
  }

  /**
   * Moves a version into place: the blob under its content-named file first, then the sidecar,
   * whose rename is the commit point. Both files must already be on disk in full.
   */
  void publish(Path stagedBlob, Path stagedSidecar, CacheEntry entry) throws IOException {
    Files.createDirectories(fanOut(Sha256.of(entry.name())));
    Files.move(stagedBlob, blob(entry), StandardCopyOption.ATOMIC_MOVE);
    Files.move(stagedSidecar, sidecar(entry.name()), StandardCopyOption.ATOMIC_MOVE);
  }

  /** Deletes an entry: the sidecar first, so that a crash in between leaves only an orphan. */
  void delete(CacheEntry entry) throws IOException {
    Files.deleteIfExists(sidecar(entry.name()));
    deleteBlob(entry);
  }

  /** Deletes the blob of a version whose sidecar no longer names it. */
  void deleteBlob(CacheEntry entry) throws IOException {
    Files.deleteIfExists(blob(entry));
  }

  /**
   * Makes the folder consistent after any stop, clean or not, and returns what it holds, least
   * recently modified first. Keeps exactly the pairs of a readable sidecar, stored under its
   * name's key, and a blob of the size it records; deletes every other file: temporary files,
   * orphan blobs, sidecars without their blob, truncated blobs.
   */
  List<CacheEntry> recover() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    Map<FileTime, List<CacheEntry>> byAge = new TreeMap<>();
    Set<Path> kept = new HashSet<>();
    for (Path file : files) {
      if (file.getFileName().toString().endsWith(SIDECAR)) {
        Optional<CacheEntry> entry = readSidecar(file);
        if (entry.isPresent()) {
          Path blob = blob(entry.get());
          kept.add(file);
          kept.add(blob);
          byAge.computeIfAbsent(Files.getLastModifiedTime(blob), age -> new ArrayList<>()).add(entry.get());
        }
      }
    }
    for (Path file : files) {
      if (!kept.contains(file)) {
        Files.deleteIfExists(file);
      }
    }
    return byAge.values().stream().flatMap(List::stream).toList();
  }

  /** The entry a sidecar records, if the sidecar is where its name belongs and its blob is whole. */
  private Optional<CacheEntry> readSidecar(Path file) throws IOException {
    return Sidecar.decode(Files.readAllBytes(file))
        .filter(entry -> sidecar(entry.name()).equals(file))
        .filter(entry -> sizeOf(blob(entry)) == entry.size());
  }

  private static long sizeOf(Path blob) {
    try {
      return Files.size(blob);
    } catch (IOException e) {
      return -1;
    }
  }
}
