package io.proxytftp.http.admin;

import io.proxytftp.cluster.AddressText;
import io.proxytftp.cluster.ClusterCatalog;
import io.proxytftp.cluster.ClusterRegistry;
import io.proxytftp.cluster.ClusterTarget;
import io.proxytftp.config.ClusterDocument;
import io.proxytftp.config.ConfigException;
import io.proxytftp.config.ConfigLoader;
import io.proxytftp.config.ConfigProblem;
import io.proxytftp.config.GatewayConfig;
import io.proxytftp.config.RemoteCluster;
import io.proxytftp.index.DeviceIndex;
import io.proxytftp.index.DeviceRecord;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The vendor's Cluster View over HTTP: find and list, get, add, update, delete, enable or disable
 * all services, the TFTP manual-override window, and "Update Remote Cluster Now". A cluster is
 * read and written in the configuration's own terms, and every change passes the configuration's
 * validation before the {@link ClusterCatalog} saves and applies it; no restart is needed.
 */
final class ClustersResource {
  /** "Update now" answers when the lookups are done, or after this with them still running. */
  private static final long UPDATE_WAIT_SECONDS = 10;

  private static final List<String> SERVICES = List.of("emcc", "pstn-access", "rsvp-agent", "tftp");

  private final ClusterCatalog catalog;
  private final ClusterRegistry registry;
  private final DeviceIndex devices;
  private final Path configFolder;

  ClustersResource(ClusterCatalog catalog, ClusterRegistry registry, DeviceIndex devices, GatewayConfig config) {
    this.catalog = catalog;
    this.registry = registry;
    this.devices = devices;
    this.configFolder = config.source().toAbsolutePath().getParent();
  }

  AdminReply handle(AdminRequest request) throws AdminRequestException {
    Optional<String> id = request.segment(1);
    if (id.isEmpty()) {
      return switch (request.method()) {
        case "GET" -> list(request);
        case "POST" -> add(request);
        default -> AdminReply.methodNotAllowed(List.of("GET", "POST"));
      };
    }
    Optional<RemoteCluster> cluster = catalog.cluster(id.get());
    if (id.get().equals("update-now") && request.path().size() == 2
        && (request.method().equals("POST") || cluster.isEmpty())) {
      // POST is no method of one cluster, so a cluster named update-now keeps every other request.
      return request.method().equals("POST") ? updated(registry.updateNow(), Optional.empty())
          : AdminReply.methodNotAllowed(List.of("POST"));
    }
    if (cluster.isEmpty()) {
      return AdminReply.notFound("cluster " + id.get());
    }
    String action = String.join("/", request.path().subList(2, request.path().size()));
    return switch (action) {
      case "" -> switch (request.method()) {
        case "GET" -> AdminReply.json(200, view(cluster.get()));
        case "PUT" -> replaceKeepingId(cluster.get(), AdminJson.readObject(request.body()));
        case "DELETE" -> delete(cluster.get(), request.flag("confirm"));
        default -> AdminReply.methodNotAllowed(List.of("GET", "PUT", "DELETE"));
      };
      case "enable-all", "disable-all" -> request.method().equals("POST")
          ? setAllServices(cluster.get(), action.equals("enable-all"))
          : AdminReply.methodNotAllowed(List.of("POST"));
      case "services/tftp" -> request.method().equals("PUT")
          ? manualOverride(cluster.get(), AdminJson.readObject(request.body()))
          : AdminReply.methodNotAllowed(List.of("PUT"));
      case "update-now" -> request.method().equals("POST")
          ? registry.updateNow(cluster.get().clusterId())
              .map(update -> updated(update, cluster))
              .orElseGet(() -> AdminReply.error(409, "cluster " + cluster.get().clusterId()
                  + " has no enabled TFTP service with addresses to look up"))
          : AdminReply.methodNotAllowed(List.of("POST"));
      default -> AdminReply.notFound("resource " + action + " of cluster " + cluster.get().clusterId());
    };
  }

  private AdminReply list(AdminRequest request) {
    List<RemoteCluster> found = Optional.ofNullable(request.query().get("q")).map(catalog::find).orElseGet(catalog::clusters);
    return AdminReply.json(200, Map.of("source", catalog.source(), "clusters", found.stream().map(this::view).toList()));
  }

  private AdminReply add(AdminRequest request) throws AdminRequestException {
    Map<String, Object> document = AdminJson.readObject(request.body());
    document.remove("state");
    try {
      RemoteCluster cluster = validated(document);
      if (!catalog.add(cluster)) {
        return AdminReply.error(409, "cluster id " + cluster.clusterId() + " is taken (ids are compared ignoring case)");
      }
      return AdminReply.json(201, view(cluster));
    } catch (ConfigException e) {
      return invalid(e);
    }
  }

  /**
   * A PUT replaces a cluster but never renames it: the devices learned from it, and the files
   * cached from it, name it by its id. Only the case of the id may change, as ids are compared
   * ignoring case.
   */
  private AdminReply replaceKeepingId(RemoteCluster current, Map<String, Object> document) {
    Object id = document.get("cluster-id");
    if (id instanceof String newId && !newId.equalsIgnoreCase(current.clusterId())) {
      return AdminReply.error(409, "cluster " + current.clusterId() + " cannot be renamed to " + newId
          + " through PUT: the devices learned from it would lose their home cluster. Add the cluster as " + newId
          + " with POST /api/v1/clusters, then delete " + current.clusterId());
    }
    return replace(current, document);
  }

  private AdminReply replace(RemoteCluster current, Map<String, Object> document) {
    document.remove("state");
    try {
      RemoteCluster replacement = validated(document);
      if (catalog.replace(current.clusterId(), replacement).isEmpty()) {
        return AdminReply.error(409, "cluster id " + replacement.clusterId() + " belongs to another cluster");
      }
      return AdminReply.json(200, view(replacement));
    } catch (ConfigException e) {
      return invalid(e);
    }
  }

  /**
   * Phones learned from a cluster lose their home when it goes, which the vendor's Cluster View
   * warns of before a delete. Deleting such a cluster needs {@code ?confirm=true}; the answer says
   * how many devices it affected, and the gateway forgets them so their next boot searches every
   * cluster.
   */
  private AdminReply delete(RemoteCluster cluster, boolean confirmed) {
    List<DeviceRecord> affected = devices.records().stream()
        .filter(record -> record.clusterId().equalsIgnoreCase(cluster.clusterId()))
        .toList();
    if (!affected.isEmpty() && !confirmed) {
      String learned = affected.size() == 1 ? "1 device was learned from cluster " + cluster.clusterId()
          + "; it will search every cluster on its next boot"
          : affected.size() + " devices were learned from cluster " + cluster.clusterId()
          + "; they will search every cluster on their next boot";
      return AdminReply.error(409, learned + ". Repeat with ?confirm=true to delete it", "devices", affected.size());
    }
    catalog.remove(cluster.clusterId());
    affected.forEach(record -> devices.forget(record.mac()));
    return AdminReply.json(200, Map.of("deleted", cluster.clusterId(), "devices-forgotten", affected.size()));
  }

  private AdminReply setAllServices(RemoteCluster cluster, boolean enabled) {
    Map<String, Object> document = ClusterDocument.toMap(cluster);
    for (String service : SERVICES) {
      services(document).get(service).put("enabled", enabled);
    }
    return replace(cluster, document);
  }

  /** The manual-override window: automatic or manual TFTP addresses, and the three addresses. */
  private AdminReply manualOverride(RemoteCluster cluster, Map<String, Object> tftp) {
    Map<String, Object> document = ClusterDocument.toMap(cluster);
    Map<String, Object> current = services(document).get("tftp");
    current.keySet().removeIf(key -> key.startsWith("address-"));
    current.putAll(tftp);
    return replace(cluster, document);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> services(Map<String, Object> document) {
    return (Map<String, Map<String, Object>>) document.get("services");
  }

  private RemoteCluster validated(Map<String, Object> document) throws ConfigException {
    return ConfigLoader.parseCluster(AdminJson.text(document), Path.of("request body"), configFolder);
  }

  private static AdminReply invalid(ConfigException e) {
    List<Map<String, Object>> problems = e.problems().stream().map(ClustersResource::problem).toList();
    return AdminReply.error(400, "invalid cluster", "problems", problems);
  }

  private static Map<String, Object> problem(ConfigProblem problem) {
    return Map.of("field", problem.field(), "message", problem.message());
  }

  /**
   * What "update now" found for one cluster, or for every one with TFTP enabled: 200 when every
   * name answered, 502 (the resolver is the upstream here) when one did not, with each cluster's
   * addresses and the lookups' errors; the addresses are then those last found, which the gateway
   * keeps using.
   */
  private AdminReply updated(CompletableFuture<Void> update, Optional<RemoteCluster> one) {
    String what = one.map(RemoteCluster::clusterId).orElse("every cluster");
    try {
      update.get(UPDATE_WAIT_SECONDS, TimeUnit.SECONDS);
      List<Map<String, Object>> reports = one.map(List::of).orElseGet(this::enabledTftpClusters).stream()
          .map(this::lookupReport).toList();
      boolean resolved = reports.stream().allMatch(report -> report.get("resolved").equals(true));
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("updated", what);
      if (one.isPresent()) {
        body.putAll(reports.get(0));
      } else {
        body.put("resolved", resolved);
        body.put("clusters", reports);
      }
      return AdminReply.json(resolved ? 200 : 502, body);
    } catch (TimeoutException stillRunning) {
      return AdminReply.json(202, Map.of("updating", what));
    } catch (ExecutionException e) {
      return AdminReply.error(503, "the lookup could not run: " + e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return AdminReply.error(503, "interrupted");
    }
  }

  private Map<String, Object> lookupReport(RemoteCluster cluster) {
    List<String> failures = registry.lookupFailures(cluster.clusterId());
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("cluster-id", cluster.clusterId());
    report.put("resolved", failures.isEmpty());
    report.put("tftp-addresses", addresses(cluster));
    if (!failures.isEmpty()) {
      report.put("errors", failures);
    }
    return report;
  }

  private List<RemoteCluster> enabledTftpClusters() {
    return catalog.clusters().stream().filter(cluster -> cluster.services().tftp().enabled()).toList();
  }

  private List<String> addresses(RemoteCluster cluster) {
    return registry.target(cluster.clusterId()).map(ClusterTarget::addresses).orElse(List.of())
        .stream().map(AddressText::of).toList();
  }

  /** The cluster as configured, plus its read-only state (ignored when sent back). */
  private Map<String, Object> view(RemoteCluster cluster) {
    Map<String, Object> view = ClusterDocument.toMap(cluster);
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("tftp-addresses", addresses(cluster));
    registry.lastUpdate(cluster.clusterId()).ifPresent(time -> state.put("last-update", time.toString()));
    state.put("devices", devices.records().stream().filter(record -> record.clusterId().equalsIgnoreCase(cluster.clusterId()))
        .count());
    view.put("state", state);
    return view;
  }
}
