package io.proxytftp.http.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.proxytftp.config.GatewayConfig;
import io.proxytftp.password.LoginThrottle;
import io.proxytftp.testing.RunningGateway;
import io.proxytftp.testing.TestConfigs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Repeated wrong admin credentials from one address are slowed down with 429 and Retry-After. */
class AdminLoginThrottleTest {
  @TempDir Path directory;
  final HttpClient http = HttpClient.newHttpClient();
  RunningGateway gateway;

  @BeforeEach
  void start() throws Exception {
    Path store = Files.createDirectories(directory.resolve("store"));
    GatewayConfig config = TestConfigs.withAdmin(TestConfigs.gateway(directory, store), AdminApiTest.CREDENTIALS);
    gateway = RunningGateway.start(config);
  }

  @AfterEach
  void stop() {
    gateway.close();
  }

  private HttpResponse<String> info(String token) throws Exception {
    URI uri = URI.create("http://" + gateway.address("admin").getHostString() + ":" + gateway.address("admin").getPort()
        + "/api/v1/info");
    return http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void afterRepeatedFailuresEvenTheRightTokenWaitsOutTheLock() throws Exception {
    for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
      assertEquals(401, info("wrong-token-wrong-token").statusCode());
    }
    HttpResponse<String> locked = info(AdminApiTest.TOKEN);
    assertEquals(429, locked.statusCode(), locked.body());
    assertEquals("1", locked.headers().firstValue("Retry-After").orElseThrow());
    Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
        .until(() -> info(AdminApiTest.TOKEN).statusCode() == 200);
    assertEquals(401, info("wrong-token-wrong-token").statusCode(), "a success started the address afresh");
  }

  @Test
  void eachFailureDuringTheSlowDownDoublesTheLock() throws Exception {
    for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
      info("wrong-token-wrong-token");
    }
    Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
        .until(() -> info("wrong-token-wrong-token").statusCode() == 401);
    HttpResponse<String> locked = info(AdminApiTest.TOKEN);
    assertEquals(429, locked.statusCode());
    assertEquals("2", locked.headers().firstValue("Retry-After").orElseThrow());
  }
}
