package io.proxytftp.http.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The admin API's one JSON mapper: maps and lists in, bytes out, no type magic. */
final class AdminJson {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private AdminJson() {}

  static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("maps of strings, numbers and lists always serialise", e);
    }
  }

  /** A JSON object from a request body. */
  static Map<String, Object> readObject(String text) throws AdminRequestException {
    try {
      Object value = MAPPER.readValue(text, Object.class);
      if (value instanceof Map<?, ?> map) {
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) map;
        return object;
      }
      throw new AdminRequestException("expected a JSON object");
    } catch (JsonProcessingException e) {
      throw new AdminRequestException("not valid JSON: " + e.getOriginalMessage());
    }
  }

  /** Text that the configuration reader reads back as the same object (JSON is YAML). */
  static String text(Map<String, Object> object) {
    return new String(write(object), StandardCharsets.UTF_8);
  }
}
