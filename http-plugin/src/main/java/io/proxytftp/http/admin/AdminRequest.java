package io.proxytftp.http.admin;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One admin API request, read off the wire: what the resources need and nothing of Jetty's, so
 * each resource is a plain function from request to reply.
 *
 * @param method the HTTP method
 * @param path the decoded path segments after {@code /api/v1}
 * @param query the query parameters (the first value of each)
 * @param body the request body as text; empty when there was none
 */
record AdminRequest(String method, List<String> path, Map<String, String> query, String body) {
  AdminRequest {
    path = List.copyOf(path);
    query = Map.copyOf(query);
  }

  /** The path segment at {@code index}, if there is one. */
  Optional<String> segment(int index) {
    return index < path.size() ? Optional.of(path.get(index)) : Optional.empty();
  }

  /** Whether the query parameter is {@code true}. */
  boolean flag(String name) {
    return "true".equalsIgnoreCase(query.get(name));
  }
}
