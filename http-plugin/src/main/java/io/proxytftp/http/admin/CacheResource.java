package io.proxytftp.http.admin;

import io.proxytftp.cache.CacheEntry;
import io.proxytftp.cache.CacheStatistics;
import io.proxytftp.cache.ContentCache;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The content cache: what it holds and where each file came from, how well it serves, and purging
 * one file (the next request fetches it afresh) or everything.
 */
final class CacheResource {
  private final ContentCache cache;

  CacheResource(ContentCache cache) {
    this.cache = cache;
  }

  AdminReply handle(AdminRequest request) {
    List<String> rest = request.path().subList(1, request.path().size());
    if (rest.isEmpty()) {
      return switch (request.method()) {
        case "GET" -> AdminReply.json(200, Map.of("entries", cache.entries().stream().map(CacheResource::view).toList()));
        case "DELETE" -> {
          int purged = cache.entries().size();
          cache.clear();
          yield AdminReply.json(200, Map.of("purged", purged));
        }
        default -> AdminReply.methodNotAllowed(List.of("GET", "DELETE"));
      };
    }
    if (rest.equals(List.of("statistics"))) {
      return request.method().equals("GET") ? AdminReply.json(200, statistics(cache.statistics()))
          : AdminReply.methodNotAllowed(List.of("GET"));
    }
    if (!rest.get(0).equals("entries") || rest.size() < 2) {
      return AdminReply.notFound("resource");
    }
    String name = String.join("/", rest.subList(1, rest.size()));
    return switch (request.method()) {
      case "GET" -> cache.entry(name).map(entry -> AdminReply.json(200, view(entry)))
          .orElseGet(() -> AdminReply.notFound("cached file " + name));
      case "DELETE" -> cache.remove(name) ? AdminReply.json(200, Map.of("purged", name))
          : AdminReply.notFound("cached file " + name);
      default -> AdminReply.methodNotAllowed(List.of("GET", "DELETE"));
    };
  }

  private static Map<String, Object> view(CacheEntry entry) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("name", entry.name());
    view.put("size", entry.size());
    view.put("sha256", entry.sha256());
    view.put("stored-at", entry.storedAt().toString());
    view.put("origin", entry.origin());
    return view;
  }

  private static Map<String, Object> statistics(CacheStatistics statistics) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("entries", statistics.entries());
    view.put("disk-bytes", statistics.diskBytes());
    view.put("disk-capacity", statistics.diskCapacity());
    view.put("memory-hits", statistics.memoryHits());
    view.put("disk-hits", statistics.diskHits());
    view.put("misses", statistics.misses());
    view.put("stores", statistics.stores());
    view.put("evictions", statistics.evictions());
    return view;
  }
}
