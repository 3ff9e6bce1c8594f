package io.proxytftp.sftp.fs;

import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.List;
import java.util.Set;
import org.apache.sshd.common.file.util.BaseFileSystem;

/**
 * One SFTP session's read-only view of the gateway, as SSHD's SFTP subsystem expects a file
 * system: paths are {@link GatewayPath}s, answers come from the {@link GatewayTree}.
 */
final class GatewayFileSystem extends BaseFileSystem<GatewayPath> {
  /** Owner and group of everything shown. */
  static final ViewPrincipal OWNER = new ViewPrincipal("proxytftp");

  private final GatewayTree tree;
  private volatile boolean open = true;

  GatewayFileSystem(GatewayFileSystemProvider provider, GatewayTree tree) {
    super(provider);
    this.tree = tree;
  }

  GatewayTree tree() {
    return tree;
  }

  @Override
  protected GatewayPath create(String root, List<String> names) {
    return new GatewayPath(this, root, names);
  }

  @Override
  public void close() {
    open = false;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public boolean isReadOnly() {
    return true;
  }

  @Override
  public Set<String> supportedFileAttributeViews() {
    return Set.of("basic", "posix");
  }

  @Override
  public UserPrincipalLookupService getUserPrincipalLookupService() {
    return new UserPrincipalLookupService() {
      @Override
      public UserPrincipal lookupPrincipalByName(String name) throws UserPrincipalNotFoundException {
        return lookup(name);
      }

      @Override
      public GroupPrincipal lookupPrincipalByGroupName(String group) throws UserPrincipalNotFoundException {
        return lookup(group);
      }
    };
  }

  private static ViewPrincipal lookup(String name) throws UserPrincipalNotFoundException {
    if (!OWNER.getName().equals(name)) {
      throw new UserPrincipalNotFoundException(name);
    }
    return OWNER;
  }

  /** The one user and group of the view. */
  record ViewPrincipal(String name) implements GroupPrincipal {
    @Override
    public String getName() {
      return name;
    }

    /** What SFTP clients show as owner and group in a long listing. */
    @Override
    public String toString() {
      return name;
    }
  }
}
