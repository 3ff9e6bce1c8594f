package io.proxytftp.http.admin;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an admin API request is answered with. Errors always carry a JSON body naming what was
 * wrong ({@code {"error": ..., "problems": [...]}}), so scripts can show an admin the reason.
 *
 * @param status the HTTP status
 * @param contentType the body's media type
 * @param body the body
 * @param headers further response headers, such as {@code Allow}
 */
record AdminReply(int status, String contentType, byte[] body, Map<String, String> headers) {
  static final String JSON = "application/json";

  AdminReply {
    headers = Map.copyOf(headers);
  }

  static AdminReply json(int status, Object value) {
    return new AdminReply(status, JSON, AdminJson.write(value), Map.of());
  }

  static AdminReply text(String contentType, String text) {
    return new AdminReply(200, contentType, text.getBytes(StandardCharsets.US_ASCII), Map.of());
  }

  static AdminReply error(int status, String message) {
    return json(status, Map.of("error", message));
  }

  /** An error with details, such as the problems of a refused cluster or a count of devices. */
  static AdminReply error(int status, String message, String detailName, Object detail) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    body.put(detailName, detail);
    return json(status, body);
  }

  static AdminReply notFound(String what) {
    return error(404, what + " not found");
  }

  /** 405, naming the methods the resource takes. */
  static AdminReply methodNotAllowed(List<String> allowed) {
    return new AdminReply(405, JSON, AdminJson.write(Map.of("error", "method not allowed; use " + String.join(", ", allowed))),
        Map.of("Allow", String.join(", ", allowed)));
  }
}
