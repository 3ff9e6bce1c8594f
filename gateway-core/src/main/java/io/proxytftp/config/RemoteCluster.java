package io.proxytftp.config;

import java.util.Objects;
import java.util.Optional;

/**
 * One remote cluster, with the fields of a cluster in the vendor's Cluster View: a cluster whose
 * TFTP service may hold the files the gateway's phones ask for.
 *
 * @param clusterId letters, digits, '.', '-'; unique in a configuration
 * @param description at most 128 characters, none of {@code " < > \ - & %}; may be empty
 * @param fullyQualifiedName at most 50 characters of letters, digits, '.', '-', '*', space; the
 *     name looked up for automatically determined TFTP addresses
 * @param release the cluster's software release, if known: common files come from the highest
 * @param trust whether files from this cluster may be re-signed with the gateway's key
 */
public record RemoteCluster(
    String clusterId,
    String description,
    String fullyQualifiedName,
    RemoteServices services,
    Optional<Release> release,
    SignatureTrust trust) {
  public RemoteCluster {
    Objects.requireNonNull(clusterId, "clusterId");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(fullyQualifiedName, "fullyQualifiedName");
    Objects.requireNonNull(services, "services");
    Objects.requireNonNull(release, "release");
    Objects.requireNonNull(trust, "trust");
  }
}
