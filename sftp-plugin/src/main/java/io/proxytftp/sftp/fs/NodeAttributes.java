package io.proxytftp.sftp.fs;

import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A node's attributes as SFTP clients see them: size and modification time, read-only permissions
 * ({@code r--r--r--} for files, {@code r-xr-xr-x} for folders), owned by {@code proxytftp}.
 */
final class NodeAttributes implements PosixFileAttributes {
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("r--r--r--");
  private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("r-xr-xr-x");

  private final Node node;
  private final String key;

  NodeAttributes(Node node, String key) {
    this.node = node;
    this.key = key;
  }

  /** The attributes of a view ({@code basic}, {@code posix} or {@code owner}) by name. */
  Map<String, Object> asMap(String view) {
    Map<String, Object> map = new LinkedHashMap<>();
    if (view.equals("owner")) {
      map.put("owner", owner());
      return map;
    }
    map.put("lastModifiedTime", lastModifiedTime());
    map.put("lastAccessTime", lastAccessTime());
    map.put("creationTime", creationTime());
    map.put("size", size());
    map.put("isRegularFile", isRegularFile());
    map.put("isDirectory", isDirectory());
    map.put("isSymbolicLink", false);
    map.put("isOther", false);
    map.put("fileKey", fileKey());
    if (view.equals("posix")) {
      map.put("permissions", permissions());
      map.put("owner", owner());
      map.put("group", group());
    }
    return map;
  }

  @Override
  public FileTime lastModifiedTime() {
    return FileTime.from(node.modified());
  }

  @Override
  public FileTime lastAccessTime() {
    return lastModifiedTime();
  }

  @Override
  public FileTime creationTime() {
    return lastModifiedTime();
  }

  @Override
  public boolean isRegularFile() {
    return node instanceof Node.Leaf;
  }

  @Override
  public boolean isDirectory() {
    return node instanceof Node.Folder;
  }

  @Override
  public boolean isSymbolicLink() {
    return false;
  }

  @Override
  public boolean isOther() {
    return false;
  }

  @Override
  public long size() {
    return node instanceof Node.Leaf leaf ? leaf.size() : 0;
  }

  @Override
  public Object fileKey() {
    return key;
  }

  @Override
  public UserPrincipal owner() {
    return GatewayFileSystem.OWNER;
  }

  @Override
  public GroupPrincipal group() {
    return GatewayFileSystem.OWNER;
  }

  @Override
  public Set<PosixFilePermission> permissions() {
    return isDirectory() ? FOLDER : FILE;
  }
}
