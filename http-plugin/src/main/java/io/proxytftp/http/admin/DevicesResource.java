package io.proxytftp.http.admin;

import io.proxytftp.cluster.ClusterCatalog;
import io.proxytftp.index.DeviceIndex;
import io.proxytftp.index.DeviceRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The device index: which home cluster each phone was found in. An admin looks a phone up, lists
 * a cluster's phones, or forgets a phone so that its next boot searches every cluster. A MAC is
 * 12 hex digits, in either case, optionally in pairs separated by {@code :} or {@code -}.
 */
final class DevicesResource {
  private static final Pattern MAC = Pattern.compile("[0-9A-F]{12}|[0-9A-F]{2}([:-])[0-9A-F]{2}(?:\\1[0-9A-F]{2}){4}");

  private final DeviceIndex index;
  private final ClusterCatalog catalog;

  DevicesResource(DeviceIndex index, ClusterCatalog catalog) {
    this.index = index;
    this.catalog = catalog;
  }

  AdminReply handle(AdminRequest request) {
    Optional<String> mac = request.segment(1).map(text -> text.toUpperCase(Locale.ROOT));
    if (mac.isEmpty()) {
      if (!request.method().equals("GET")) {
        return AdminReply.methodNotAllowed(List.of("GET"));
      }
      Optional<String> cluster = Optional.ofNullable(request.query().get("cluster"));
      List<Map<String, Object>> records = index.records().stream()
          .filter(record -> cluster.map(id -> record.clusterId().equalsIgnoreCase(id)).orElse(true))
          .map(DevicesResource::view)
          .toList();
      // Devices may outlive their cluster's entry in the configuration; only a name nothing knows is unknown.
      if (cluster.isPresent() && records.isEmpty() && catalog.cluster(cluster.get()).isEmpty()) {
        return AdminReply.notFound("cluster " + cluster.get());
      }
      return AdminReply.json(200, Map.of("devices", records));
    }
    if (request.path().size() > 2) {
      return AdminReply.notFound("resource");
    }
    if (!MAC.matcher(mac.get()).matches()) {
      return AdminReply.error(400, request.path().get(1) + " is not a MAC address: give 12 hex digits, such as 001956A3A472");
    }
    mac = mac.map(text -> text.replaceAll("[:-]", ""));
    Optional<DeviceRecord> record = index.lookup(mac.get());
    if (record.isEmpty()) {
      return AdminReply.notFound("device " + mac.get());
    }
    return switch (request.method()) {
      case "GET" -> AdminReply.json(200, view(record.get()));
      case "DELETE" -> {
        index.forget(mac.get());
        yield AdminReply.json(200, Map.of("forgotten", mac.get()));
      }
      default -> AdminReply.methodNotAllowed(List.of("GET", "DELETE"));
    };
  }

  private static Map<String, Object> view(DeviceRecord record) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("mac", record.mac());
    view.put("cluster-id", record.clusterId());
    view.put("address", record.address());
    view.put("client", record.client());
    view.put("learned-at", record.learnedAt().toString());
    return view;
  }
}
