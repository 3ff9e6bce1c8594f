package io.proxytftp.sftp.fs;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import org.apache.sshd.common.file.FileSystemFactory;
import org.apache.sshd.common.session.SessionContext;

/**
 * Gives each SFTP session its own read-only view of the gateway ({@link GatewayTree}), which
 * reads the core's cache, store, device index, clusters and identity live, so a listing always
 * shows what the gateway holds now. Sessions start in the view's root.
 */
public final class GatewayFileSystemFactory implements FileSystemFactory {
  private static final GatewayFileSystemProvider PROVIDER = new GatewayFileSystemProvider();

  private final Provider<GatewayTree> trees;

  @Inject
  GatewayFileSystemFactory(Provider<GatewayTree> trees) {
    this.trees = trees;
  }

  /** None: the SFTP subsystem starts in the view's root, its default folder. */
  @Override
  public Path getUserHomeDir(SessionContext session) {
    return null;
  }

  @Override
  public FileSystem createFileSystem(SessionContext session) {
    return new GatewayFileSystem(PROVIDER, trees.get());
  }
}
