package io.proxytftp.cluster;

import io.proxytftp.config.ClusterDocument;
import io.proxytftp.config.ConfigException;
import io.proxytftp.config.ConfigLoader;
import io.proxytftp.config.GatewayConfig;
import io.proxytftp.config.RemoteCluster;
import io.proxytftp.plugin.GatewayService;
import io.proxytftp.store.AtomicFiles;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Cluster View as it stands now: the remote clusters from the configuration, changed at run
 * time through the admin API (what the vendor's Cluster View does with Find/List, Add New and
 * Delete Selected), and kept across restarts. The vendor's Proxy TFTP needed a restart for every
 * change; here a change takes effect at once and everyone who depends on the clusters is told.
 *
 * <p>Once the admin API has changed the list, it is saved to {@code <data-directory>/}{@value
 * #FILE} in the configuration's own terms, and from then on that file, not the configuration's
 * {@code remote-clusters}, is the list a start begins with (delete the file to go back). A change
 * is saved before it is applied, so what runs never differs from what a restart would load.
 */
public final class ClusterCatalog implements GatewayService {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterCatalog.class);

  public static final String FILE = "remote-clusters.yaml";

  private final Path file;
  private final List<Consumer<List<RemoteCluster>>> listeners = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();
  private volatile List<RemoteCluster> clusters;

  @Inject
  public ClusterCatalog(GatewayConfig config) {
    this.file = config.gateway().dataDirectory().resolve(FILE);
    this.clusters = config.remoteClusters();
  }

  @Override
  public String name() {
    return "cluster-catalog";
  }

  /** Loads the saved Cluster View when there is one; a broken file stops the start. */
  @Override
  public void start() throws ConfigException {
    if (Files.exists(file)) {
      clusters = ConfigLoader.loadClusters(file);
      LOG.info("{} remote clusters from {} (saved by the admin API; the configuration's list is not used)",
          clusters.size(), file);
    }
  }

  @Override
  public void stop(Duration grace) {
    // Every change is saved when it is made.
  }

  /** Where the list comes from: the configuration, or the file the admin API saved. */
  public String source() {
    return Files.exists(file) ? file.toString() : "the configuration";
  }

  public List<RemoteCluster> clusters() {
    return clusters;
  }

  /** The cluster of that id, compared ignoring case as the configuration compares ids. */
  public Optional<RemoteCluster> cluster(String clusterId) {
    return clusters.stream().filter(cluster -> cluster.clusterId().equalsIgnoreCase(clusterId)).findFirst();
  }

  /** The Cluster View's Find: clusters whose id or description contains the text, ignoring case. */
  public List<RemoteCluster> find(String text) {
    String wanted = text.toLowerCase(Locale.ROOT);
    return clusters.stream()
        .filter(cluster -> cluster.clusterId().toLowerCase(Locale.ROOT).contains(wanted)
            || cluster.description().toLowerCase(Locale.ROOT).contains(wanted))
        .toList();
  }

  /** Tells {@code listener} every new list; listeners must not block. */
  public void onChange(Consumer<List<RemoteCluster>> listener) {
    listeners.add(listener);
  }

  /** Adds a cluster; false when its id is taken (ignoring case). */
  public boolean add(RemoteCluster cluster) {
    synchronized (lock) {
      if (cluster(cluster.clusterId()).isPresent()) {
        return false;
      }
      List<RemoteCluster> next = new ArrayList<>(clusters);
      next.add(cluster);
      apply(next);
      return true;
    }
  }

  /**
   * Replaces the cluster of id {@code clusterId} in place, keeping its position.
   *
   * @return the cluster replaced; empty when there is none of that id, or when the replacement's
   *     id belongs to another cluster
   */
  public Optional<RemoteCluster> replace(String clusterId, RemoteCluster replacement) {
    synchronized (lock) {
      Optional<RemoteCluster> current = cluster(clusterId);
      Optional<RemoteCluster> clash = cluster(replacement.clusterId()).filter(other -> !current.equals(Optional.of(other)));
      if (current.isEmpty() || clash.isPresent()) {
        return Optional.empty();
      }
      List<RemoteCluster> next = new ArrayList<>(clusters);
      next.set(next.indexOf(current.get()), replacement);
      apply(next);
      return current;
    }
  }

  /** Deletes a cluster; empty when there is none of that id. */
  public Optional<RemoteCluster> remove(String clusterId) {
    synchronized (lock) {
      Optional<RemoteCluster> current = cluster(clusterId);
      current.ifPresent(removed -> {
        List<RemoteCluster> next = new ArrayList<>(clusters);
        next.remove(removed);
        apply(next);
      });
      return current;
    }
  }

  private void apply(List<RemoteCluster> next) {
    save(next);
    clusters = List.copyOf(next);
    listeners.forEach(listener -> listener.accept(clusters));
  }

  private void save(List<RemoteCluster> next) {
    try {
      Files.createDirectories(file.getParent());
      AtomicFiles.write(file, ("# The Cluster View as changed through the admin API; delete this file to go back to\n"
          + "# the configuration's remote-clusters.\n" + ClusterDocument.yaml(next)).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the remote clusters to " + file, e);
    }
  }
}
