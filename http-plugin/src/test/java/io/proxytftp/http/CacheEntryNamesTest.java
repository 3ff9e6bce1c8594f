package io.proxytftp.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.proxytftp.cache.CacheWriter;
import io.proxytftp.cache.ContentCache;
import io.proxytftp.config.AdminSettings;
import io.proxytftp.testing.TestConfigs;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cached files whose names have folders ({@code English_United_States/g3-tones.xml.sgn}) are read
 * and purged through {@code /api/v1/cache/entries/<name>}, with the name's {@code /} written as
 * it is or percent-encoded, as a script quoting the name whole would send it.
 */
class CacheEntryNamesTest {
  static final String TOKEN = "0123456789abcdef-test-token";
  static final String NAME = "English_United_States/g3-tones.xml.sgn";

  @TempDir Path directory;
  HttpGateway http;

  @BeforeEach
  void start() throws Exception {
    http = HttpGateway.start(directory, config -> TestConfigs.withAdmin(config,
        new AdminSettings(Optional.of(TOKEN), Optional.empty())));
    try (CacheWriter writer = http.gateway().instance(ContentCache.class).writer(NAME, "cluster-a 127.0.0.1:7001")) {
      writer.begin(OptionalLong.of(3));
      writer.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
      writer.commit();
    }
  }

  @AfterEach
  void stop() {
    http.close();
  }

  private HttpResponse<String> send(String method, String rawName) throws Exception {
    HttpRequest request = HttpGateway.request(http.admin("/api/v1/cache/entries/" + rawName),
        "Authorization", "Bearer " + TOKEN).method(method, HttpRequest.BodyPublishers.noBody()).build();
    return http.client().send(request, HttpResponse.BodyHandlers.ofString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"English_United_States%2Fg3-tones.xml.sgn", "English_United_States%2fg3-tones.xml.sgn",
      "English_United_States/g3-tones.xml.sgn"})
  void anEntryWhoseNameHasFoldersIsReadAndPurged(String rawName) throws Exception {
    HttpResponse<String> read = send("GET", rawName);
    assertEquals(200, read.statusCode(), read.body());
    JsonNode entry = new ObjectMapper().readTree(read.body());
    assertEquals(NAME, entry.path("name").asText());
    assertEquals(3, entry.path("size").asLong());

    HttpResponse<String> purged = send("DELETE", rawName);
    assertEquals(200, purged.statusCode(), purged.body());
    assertEquals(NAME, new ObjectMapper().readTree(purged.body()).path("purged").asText());
    assertEquals(Optional.empty(), http.gateway().instance(ContentCache.class).entry(NAME));

    HttpResponse<String> gone = send("GET", rawName);
    assertEquals(404, gone.statusCode());
    assertEquals("application/json", gone.headers().firstValue("Content-Type").orElseThrow());
  }
}
