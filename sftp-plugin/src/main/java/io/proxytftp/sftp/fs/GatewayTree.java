package io.proxytftp.sftp.fs;

import io.proxytftp.cache.CacheEntry;
import io.proxytftp.cache.ContentCache;
import io.proxytftp.cluster.ClusterCatalog;
import io.proxytftp.config.RemoteCluster;
import io.proxytftp.config.SigningSettings;
import io.proxytftp.identity.IdentityService;
import io.proxytftp.index.DeviceIndex;
import io.proxytftp.index.DeviceRecord;
import io.proxytftp.resolve.BytesFile;
import io.proxytftp.signing.CommonFiles;
import io.proxytftp.store.LocalStore;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The folders an admin sees, read from the core's state at each request: {@code /local} (the
 * gateway's own store), {@code /cache} (every cached file), {@code /clusters/<id>} (cached files by
 * the cluster they came from), {@code /devices/<MAC>} (the device index, one small text file per
 * phone), {@code /signed} (common files the gateway signed) and {@code /certificate} (its TFTP
 * certificate, PEM).
 *
 * <p>Names are segments of an absolute, normalised path; a segment that could step outside a
 * folder ({@code .}, {@code ..}, empty, with a backslash) names nothing, and in {@code /local}
 * nothing is shown whose real path, after symbolic links, leaves the store.
 */
final class GatewayTree {
  static final List<String> TOP = List.of("cache", "certificate", "clusters", "devices", "local", "signed");
  static final String CERTIFICATE_FILE = "certificate";

  private final LocalStore store;
  private final ContentCache cache;
  private final DeviceIndex devices;
  private final ClusterCatalog clusters;
  private final IdentityService identity;
  private final CommonFiles commonFiles;
  private final Instant mounted;

  /** A tree for one session, mounted now: folders show that time. */
  @Inject
  GatewayTree(LocalStore store, ContentCache cache, DeviceIndex devices, ClusterCatalog clusters,
      IdentityService identity, SigningSettings signing, Clock clock) {
    this.store = store;
    this.cache = cache;
    this.devices = devices;
    this.clusters = clusters;
    this.identity = identity;
    this.commonFiles = new CommonFiles(signing.commonFiles());
    this.mounted = clock.instant();
  }

  /** The node a path names, or empty when it names nothing. */
  Optional<Node> node(List<String> names) throws IOException {
    if (names.stream().anyMatch(GatewayTree::unsafe)) {
      return Optional.empty();
    }
    if (names.isEmpty()) {
      return Optional.of(folder());
    }
    List<String> rest = names.subList(1, names.size());
    return switch (names.get(0)) {
      case "local" -> local(rest);
      case "cache" -> new EntryTree(cache.entries(), cache, mounted).node(rest);
      case "signed" -> signed().node(rest);
      case "clusters" -> rest.isEmpty() ? Optional.of(folder())
          : clusterIds().contains(rest.get(0)) ? fromCluster(rest.get(0)).node(rest.subList(1, rest.size()))
          : Optional.empty();
      case "devices" -> rest.isEmpty() ? Optional.of(folder())
          : rest.size() == 1 ? device(rest.get(0)) : Optional.empty();
      case CERTIFICATE_FILE -> rest.isEmpty() ? Optional.of(certificate()) : Optional.empty();
      default -> Optional.empty();
    };
  }

  /**
   * The names inside the folder a path names.
   *
   * @throws NoSuchFileException when it names nothing
   * @throws NotDirectoryException when it names a file
   */
  List<String> children(List<String> names) throws IOException {
    Optional<Node> node = node(names);
    String shown = "/" + String.join("/", names);
    if (node.isEmpty()) {
      throw new NoSuchFileException(shown);
    }
    if (!(node.get() instanceof Node.Folder)) {
      throw new NotDirectoryException(shown);
    }
    if (names.isEmpty()) {
      return TOP;
    }
    List<String> rest = names.subList(1, names.size());
    return switch (names.get(0)) {
      case "local" -> localChildren(rest);
      case "cache" -> new EntryTree(cache.entries(), cache, mounted).children(rest);
      case "signed" -> signed().children(rest);
      case "clusters" -> rest.isEmpty() ? List.copyOf(clusterIds())
          : fromCluster(rest.get(0)).children(rest.subList(1, rest.size()));
      default -> devices.records().stream().map(DeviceRecord::mac).sorted().toList();
    };
  }

  private Node.Folder folder() {
    return new Node.Folder(mounted);
  }

  private static boolean unsafe(String name) {
    return name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('\\') >= 0
        || name.indexOf('\0') >= 0;
  }

  /** Configured clusters, and clusters that cached files came from but that have since been removed. */
  private TreeSet<String> clusterIds() {
    TreeSet<String> ids = new TreeSet<>();
    clusters.clusters().stream().map(RemoteCluster::clusterId).forEach(ids::add);
    cache.entries().forEach(entry -> Origins.cluster(entry.origin()).ifPresent(ids::add));
    return ids;
  }

  private EntryTree fromCluster(String clusterId) {
    List<CacheEntry> entries = cache.entries().stream()
        .filter(entry -> Origins.cluster(entry.origin()).filter(clusterId::equals).isPresent())
        .toList();
    return new EntryTree(entries, cache, mounted);
  }

  private EntryTree signed() {
    List<CacheEntry> entries = cache.entries().stream()
        .filter(entry -> CommonFiles.isSigned(entry.name()) && commonFiles.matches(entry.name())
            && Origins.signedByGateway(entry.origin()))
        .toList();
    return new EntryTree(entries, cache, mounted);
  }

  private Optional<Node> device(String mac) {
    return devices.lookup(mac).filter(record -> record.mac().equals(mac)).map(record -> {
      byte[] text = ("mac: " + record.mac() + "\ncluster: " + record.clusterId() + "\naddress: " + record.address()
          + "\nclient: " + record.client() + "\nlearned-at: " + record.learnedAt() + "\n")
          .getBytes(StandardCharsets.UTF_8);
      return new Node.Leaf(text.length, record.learnedAt(), () -> new BytesFile(mac, text, record.learnedAt()));
    });
  }

  private Node.Leaf certificate() {
    byte[] pem = identity.identity().certificatePem().getBytes(StandardCharsets.US_ASCII);
    Instant issued = identity.identity().certificate().getNotBefore().toInstant();
    return new Node.Leaf(pem.length, issued, () -> new BytesFile(CERTIFICATE_FILE, pem, issued));
  }

  private Optional<Node> local(List<String> names) throws IOException {
    Optional<Path> real = insideStore(names);
    if (real.isEmpty()) {
      return Optional.empty();
    }
    BasicFileAttributes attributes =
        Files.readAttributes(real.get(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    Instant modified = attributes.lastModifiedTime().toInstant();
    if (attributes.isDirectory()) {
      return Optional.of(new Node.Folder(modified));
    }
    if (!attributes.isRegularFile()) {
      return Optional.empty();
    }
    String name = String.join("/", names);
    return Optional.of(new Node.Leaf(attributes.size(), modified,
        () -> store.open(name).orElseThrow(() -> new NoSuchFileException("/local/" + name))));
  }

  private List<String> localChildren(List<String> names) throws IOException {
    Path folder = insideStore(names).orElseThrow(() -> new NoSuchFileException("/local/" + String.join("/", names)));
    List<String> children = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
      for (Path child : stream) {
        String name = child.getFileName().toString();
        List<String> childNames = new ArrayList<>(names);
        childNames.add(name);
        if (!unsafe(name) && local(childNames).isPresent()) {
          children.add(name);
        }
      }
    }
    children.sort(null);
    return children;
  }

  /**
   * The real path of a name in the store, when it exists and stays inside it. A name the file
   * system cannot even look up (too long, through a file, a link loop) names nothing either, so the
   * client is told "no such file" and never the store's real path from the file system's message.
   */
  private Optional<Path> insideStore(List<String> names) throws IOException {
    Path root = store.root();
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    Path realRoot = root.toRealPath();
    Path candidate = names.isEmpty() ? realRoot : realRoot.resolve(String.join("/", names)).normalize();
    try {
      Path real = candidate.toRealPath();
      return real.startsWith(realRoot) ? Optional.of(real) : Optional.empty();
    } catch (FileSystemException e) {
      return Optional.empty();
    }
  }
}
