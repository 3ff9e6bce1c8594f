package io.proxytftp.sftp.fs;

import io.proxytftp.cache.ContentCache;
import io.proxytftp.cluster.ClusterCatalog;
import io.proxytftp.config.SigningSettings;
import io.proxytftp.identity.IdentityService;
import io.proxytftp.index.DeviceIndex;
import io.proxytftp.signing.CommonFiles;
import io.proxytftp.store.LocalStore;
import jakarta.inject.Inject;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.sshd.common.file.FileSystemFactory;
import org.apache.sshd.common.session.SessionContext;

/**
 * Gives each SFTP session its own read-only view of the gateway ({@link GatewayTree}), which
 * reads the core's cache, store, device index, clusters and identity live, so a listing always
 * shows what the gateway holds now. Sessions start in the view's root.
 */
public final class GatewayFileSystemFactory implements FileSystemFactory {
  private static final GatewayFileSystemProvider PROVIDER = new GatewayFileSystemProvider();

  private final LocalStore store;
  private final ContentCache cache;
  private final DeviceIndex devices;
  private final ClusterCatalog clusters;
  private final IdentityService identity;
  private final CommonFiles commonFiles;
  private final Clock clock;

  @Inject
  GatewayFileSystemFactory(LocalStore store, ContentCache cache, DeviceIndex devices, ClusterCatalog clusters,
      IdentityService identity, SigningSettings signing, Clock clock) {
    this.store = store;
    this.cache = cache;
    this.devices = devices;
    this.clusters = clusters;
    this.identity = identity;
    this.commonFiles = new CommonFiles(signing.commonFiles());
    this.clock = clock;
  }

  /** None: the SFTP subsystem starts in the view's root, its default folder. */
  @Override
  public Path getUserHomeDir(SessionContext session) {
    return null;
  }

  @Override
  public FileSystem createFileSystem(SessionContext session) {
    return new GatewayFileSystem(PROVIDER,
        new GatewayTree(store, cache, devices, clusters, identity, commonFiles, clock.instant()));
  }
}
