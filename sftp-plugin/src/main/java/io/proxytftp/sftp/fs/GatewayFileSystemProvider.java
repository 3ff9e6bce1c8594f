package io.proxytftp.sftp.fs;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.spi.FileSystemProvider;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The provider of the read-only SFTP view: lists, reads attributes and opens files for reading;
 * refuses every change (write, create, delete, rename, link, attribute change) with {@link
 * AccessDeniedException}, which SFTP clients see as "permission denied". SSHD never asks a file
 * system whether it is read-only, so every such method refuses here.
 */
final class GatewayFileSystemProvider extends FileSystemProvider {
  private static final Set<OpenOption> WRITING = Set.of(StandardOpenOption.WRITE, StandardOpenOption.APPEND,
      StandardOpenOption.CREATE, StandardOpenOption.CREATE_NEW, StandardOpenOption.TRUNCATE_EXISTING,
      StandardOpenOption.DELETE_ON_CLOSE);

  /** The refusal of every change, naming the path. */
  static AccessDeniedException refused(Path path) {
    return new AccessDeniedException(String.valueOf(path), null, "the gateway's SFTP view is read-only");
  }

  @Override
  public String getScheme() {
    return "proxytftp-view";
  }

  @Override
  public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
    throw new UnsupportedOperationException("views are made per SFTP session");
  }

  @Override
  public FileSystem getFileSystem(URI uri) {
    throw new FileSystemNotFoundException(uri.toString());
  }

  @Override
  public Path getPath(URI uri) {
    throw new FileSystemNotFoundException(uri.toString());
  }

  @Override
  public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
      throws IOException {
    if (options.stream().anyMatch(WRITING::contains)) {
      throw refused(path);
    }
    Node node = node(path);
    if (!(node instanceof Node.Leaf leaf)) {
      throw new FileSystemException(path.toString(), null, "is a folder");
    }
    return new ResolvedFileChannel(leaf.opener().open());
  }

  @Override
  public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
      throws IOException {
    GatewayPath folder = cast(dir);
    List<String> children = folder.getFileSystem().tree().children(folder.absoluteNames());
    return new DirectoryStream<>() {
      @Override
      public Iterator<Path> iterator() {
        return children.stream().<Path>map(folder::resolve).filter(path -> accepts(filter, path)).iterator();
      }

      @Override
      public void close() {
        // The listing was read whole when the stream opened.
      }
    };
  }

  private static boolean accepts(DirectoryStream.Filter<? super Path> filter, Path path) {
    try {
      return filter == null || filter.accept(path);
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
    throw refused(dir);
  }

  @Override
  public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs) throws IOException {
    throw refused(link);
  }

  @Override
  public void createLink(Path link, Path existing) throws IOException {
    throw refused(link);
  }

  @Override
  public void delete(Path path) throws IOException {
    throw refused(path);
  }

  @Override
  public void copy(Path source, Path target, CopyOption... options) throws IOException {
    throw refused(target);
  }

  @Override
  public void move(Path source, Path target, CopyOption... options) throws IOException {
    throw refused(source);
  }

  @Override
  public boolean isSameFile(Path path, Path path2) {
    return path.toAbsolutePath().normalize().equals(path2.toAbsolutePath().normalize());
  }

  @Override
  public boolean isHidden(Path path) {
    return false;
  }

  @Override
  public FileStore getFileStore(Path path) {
    throw new UnsupportedOperationException("the view has no file store");
  }

  @Override
  public void checkAccess(Path path, AccessMode... modes) throws IOException {
    Node node = node(path);
    for (AccessMode mode : modes) {
      if (mode == AccessMode.WRITE || (mode == AccessMode.EXECUTE && node instanceof Node.Leaf)) {
        throw refused(path);
      }
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
    if (type != BasicFileAttributeView.class && type != PosixFileAttributeView.class) {
      return null;
    }
    return (V) new ReadOnlyView(path);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
      throws IOException {
    if (type != BasicFileAttributes.class && type != PosixFileAttributes.class) {
      throw new UnsupportedOperationException(type.getSimpleName() + " are not offered");
    }
    return (A) attributes(path);
  }

  @Override
  public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
    int colon = attributes.indexOf(':');
    String view = colon < 0 ? "basic" : attributes.substring(0, colon);
    if (!view.equals("basic") && !view.equals("posix") && !view.equals("owner")) {
      throw new UnsupportedOperationException("view " + view + " is not offered");
    }
    Map<String, Object> all = attributes(path).asMap(view);
    String wanted = colon < 0 ? attributes : attributes.substring(colon + 1);
    if (wanted.equals("*")) {
      return all;
    }
    Map<String, Object> chosen = new LinkedHashMap<>();
    for (String name : wanted.split(",")) {
      if (!all.containsKey(name)) {
        throw new IllegalArgumentException("no attribute " + name + " in view " + view);
      }
      chosen.put(name, all.get(name));
    }
    return chosen;
  }

  @Override
  public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
    throw refused(path);
  }

  private static NodeAttributes attributes(Path path) throws IOException {
    return new NodeAttributes(node(path), cast(path).toAbsolutePath().normalize().toString());
  }

  private static Node node(Path path) throws IOException {
    GatewayPath gatewayPath = cast(path);
    return gatewayPath.getFileSystem().tree().node(gatewayPath.absoluteNames())
        .orElseThrow(() -> new NoSuchFileException(path.toString()));
  }

  private static GatewayPath cast(Path path) {
    if (!(path instanceof GatewayPath gatewayPath)) {
      throw new ProviderMismatchException("not a path of the gateway's view: " + path);
    }
    return gatewayPath;
  }

  /** Reads a node's attributes; refuses to set any. */
  private static final class ReadOnlyView implements PosixFileAttributeView {
    private final Path path;

    ReadOnlyView(Path path) {
      this.path = path;
    }

    @Override
    public String name() {
      return "posix";
    }

    @Override
    public PosixFileAttributes readAttributes() throws IOException {
      return attributes(path);
    }

    @Override
    public void setTimes(FileTime lastModifiedTime, FileTime lastAccessTime, FileTime createTime) throws IOException {
      throw refused(path);
    }

    @Override
    public void setPermissions(Set<PosixFilePermission> perms) throws IOException {
      throw refused(path);
    }

    @Override
    public void setGroup(GroupPrincipal group) throws IOException {
      throw refused(path);
    }

    @Override
    public UserPrincipal getOwner() {
      return GatewayFileSystem.OWNER;
    }

    @Override
    public void setOwner(UserPrincipal owner) throws IOException {
      throw refused(path);
    }
  }
}
