package io.proxytftp.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One deployment's configuration, read from a single YAML file and validated as a whole.
 *
 * <p>Immutable: components receive the parts they need at construction and never see a
 * half-applied change. {@link ConfigLoader} is the only way to obtain one from a file; tests may
 * build one directly.
 *
 * @param source the file the configuration was read from (relative paths in it are resolved
 *     against its folder)
 */
public record GatewayConfig(
    Path source,
    GatewaySettings gateway,
    Listeners listeners,
    Limits limits,
    CacheSettings caches,
    UpstreamSettings upstream,
    IdentitySource identity,
    SigningSettings signing,
    AdminSettings admin,
    SftpSettings sftp,
    List<RemoteCluster> remoteClusters) {

  public GatewayConfig {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(gateway, "gateway");
    Objects.requireNonNull(listeners, "listeners");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(caches, "caches");
    Objects.requireNonNull(upstream, "upstream");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(signing, "signing");
    Objects.requireNonNull(admin, "admin");
    Objects.requireNonNull(sftp, "sftp");
    remoteClusters = List.copyOf(remoteClusters);
  }
}
