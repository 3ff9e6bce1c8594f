package io.proxytftp.lifecycle;

import io.proxytftp.cache.ContentCache;
import io.proxytftp.cluster.ClusterCatalog;
import io.proxytftp.config.GatewayConfig;
import io.proxytftp.config.IdentitySource;
import io.proxytftp.identity.IdentityLoader;
import io.proxytftp.identity.InstanceToken;
import io.proxytftp.index.DeviceIndex;
import io.proxytftp.plugin.StartException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the gateway can use what it keeps in its data directory, checked before anything is read
 * or written there: otherwise an unwritable directory shows only when a fetched file cannot be
 * stored, which looks like a broken cluster. Folders the gateway creates must exist or be
 * creatable, and be readable, writable and searchable, which a real write inside proves (a
 * read-only file system passes permission checks); files it keeps must be files it can read.
 */
final class DataDirectoryCheck {
  private DataDirectoryCheck() {}

  /** Creates the data directory if needed and checks it. */
  static void dataDirectory(Path folder) throws StartException {
    folder(folder, "data directory", true);
  }

  /** Checks what lives in the data directory, creating the folders the gateway fills. */
  static void contents(GatewayConfig config) throws StartException {
    Path data = config.gateway().dataDirectory();
    folder(data.resolve(ContentCache.FOLDER), "cache", true);
    if (config.identity() instanceof IdentitySource.Generated) {
      Path identity = IdentityLoader.folder(config.gateway());
      if (Files.exists(identity)) {
        folder(identity, "identity folder", false);
      }
    }
    file(data.resolve(ClusterCatalog.FILE), "saved cluster list");
    file(data.resolve(DeviceIndex.FILE_NAME), "device index");
    file(data.resolve(InstanceToken.FILE), "instance token");
    if (config.gateway().localStore().equals(data.resolve("store"))) {
      folder(config.gateway().localStore(), "local store", true);
    }
  }

  private static void folder(Path folder, String what, boolean create) throws StartException {
    if (!Files.exists(folder) && create) {
      try {
        Files.createDirectories(folder);
      } catch (IOException e) {
        throw new StartException("cannot create " + folder + ", the gateway's " + what + ": " + reason(e));
      }
    }
    if (!Files.isDirectory(folder)) {
      throw new StartException(folder + " is not a folder; it is the gateway's " + what);
    }
    List<String> missing = new ArrayList<>(3);
    if (!Files.isReadable(folder)) {
      missing.add("read");
    }
    if (!Files.isWritable(folder)) {
      missing.add("write in");
    }
    if (!Files.isExecutable(folder)) {
      missing.add("enter");
    }
    if (!missing.isEmpty()) {
      String last = missing.remove(missing.size() - 1);
      throw new StartException(permission(missing.isEmpty() ? last : String.join(", ", missing) + " or " + last,
          folder, what));
    }
    try {
      Files.delete(Files.createTempFile(folder, ".write-check-", ".tmp"));
    } catch (IOException e) {
      throw new StartException("cannot write in " + folder + ", the gateway's " + what + ": " + reason(e));
    }
  }

  /** A file the gateway keeps, if it is there yet; it replaces such files by renaming, so reading is what it needs. */
  private static void file(Path file, String what) throws StartException {
    if (!Files.exists(file)) {
      return;
    }
    if (!Files.isRegularFile(file)) {
      throw new StartException(file + " is not a file; it is the gateway's " + what);
    }
    if (!Files.isReadable(file)) {
      throw new StartException(permission("read", file, what));
    }
  }

  /** {@code cannot read or enter /var/lib/proxytftp/identity (owner root, rwx------; the gateway runs as proxytftp): ...}. */
  private static String permission(String cannot, Path path, String what) {
    return "cannot " + cannot + " " + path + " (" + ownerAndMode(path) + "; the gateway runs as "
        + System.getProperty("user.name") + "): it is the gateway's " + what;
  }

  private static String ownerAndMode(Path path) {
    try {
      return "owner " + Files.getOwner(path).getName() + ", " + PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    } catch (IOException | UnsupportedOperationException e) {
      return "owner unknown";
    }
  }

  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException named && named.getReason() != null) {
      return named.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
