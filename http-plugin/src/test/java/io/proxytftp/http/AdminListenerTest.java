package io.proxytftp.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The admin listener's operations endpoints, and the wall between it and the phones' listener:
 * nothing of one is reachable on the other.
 */
class AdminListenerTest extends SharedHttpGatewayTest {
  @Test
  void metricsAreInPrometheusTextFormatWithHttpAndCoreSeries() throws Exception {
    http.write("SEP001122334455.cnf.xml", 1_000);
    assertEquals(200, http.get(http.phones("/SEP001122334455.cnf.xml")).statusCode());
    assertEquals(404, http.get(http.phones("/missing.bin")).statusCode());

    HttpResponse<String> response = http.getText(http.admin("/metrics"));

    assertEquals(200, response.statusCode());
    assertEquals("text/plain; version=0.0.4; charset=utf-8",
        response.headers().firstValue("Content-Type").orElseThrow());
    assertContainsAll(response.body(),
        "http_requests_seconds_count{connector=\"phones\",method=\"GET\",status=\"2xx\"}",
        "http_requests_seconds_count{connector=\"phones\",method=\"GET\",status=\"4xx\"}",
        "http_requests_seconds_sum{connector=\"phones\"",
        "http_bytes_sent_total{connector=\"phones\"}",
        "cache_entries",
        "resolve_answers_total");
  }

  @Test
  void healthIsUpWhileTheProcessRuns() throws Exception {
    HttpResponse<String> response = http.getText(http.admin("/health"));

    assertEquals(200, response.statusCode());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("{\"status\":\"UP\"}", response.body());
  }

  @Test
  void aStartedServerIsReady() throws Exception {
    HttpResponse<String> response = http.getText(http.admin("/ready"));

    assertEquals(200, response.statusCode());
    assertEquals("{\"status\":\"READY\"}", response.body());
  }

  @Test
  void operationsEndpointsAreOnlyRead() throws Exception {
    HttpResponse<String> response = http.send("POST", http.admin("/metrics"));

    assertEquals(405, response.statusCode());
    assertEquals("GET, HEAD", response.headers().firstValue("Allow").orElseThrow());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/SEP001122334455.cnf.xml", "/api/v1/info", "/metrics/", "/"})
  void anythingElseOnTheAdminListenerIsNotFound(String path) throws Exception {
    http.write("SEP001122334455.cnf.xml", 1_000);

    assertEquals(404, http.getText(http.admin(path)).statusCode());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/metrics", "/health", "/ready"})
  void operationsEndpointsDoNotExistOnThePhonesListener(String path) throws Exception {
    assertEquals(404, http.getText(http.phones(path)).statusCode());
  }
}
