package io.proxytftp.http.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxytftp.config.GatewayConfig;
import io.proxytftp.testing.CapturedLogs;
import io.proxytftp.testing.RunningGateway;
import io.proxytftp.testing.TestConfigs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wrong and right admin logins with a bearer token and with HTTP basic, logged as the shipped
 * configuration logs at its most verbose ({@code PROXYTFTP_LOG_LEVEL=TRACE}): neither secret, nor the basic credentials' encoding, nor the {@code Authorization} header
 * appears in any log line, the access log's included.
 */
class AdminSecretsNotLoggedTest {
  static final String PASSWORD = "correct horse battery";
  static final String WRONG_TOKEN = "wrong-token-0123456789-guess";
  static final String WRONG_PASSWORD = "incorrect mule staple";

  @TempDir Path directory;
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void noSecretAndNoAuthorizationHeaderIsEverLogged() throws Exception {
    Path store = Files.createDirectories(directory.resolve("store"));
    GatewayConfig config = TestConfigs.withAdmin(TestConfigs.gateway(directory, store), AdminApiTest.CREDENTIALS);
    List<String> lines;
    try (CapturedLogs logs = CapturedLogs.shippedAtTrace(); RunningGateway gateway = RunningGateway.start(config)) {
      URI info = URI.create("http://" + gateway.address("admin").getHostString() + ":"
          + gateway.address("admin").getPort() + "/api/v1/info");
      assertEquals(401, get(info, "Bearer " + WRONG_TOKEN));
      assertEquals(200, get(info, "Bearer " + AdminApiTest.TOKEN));
      assertEquals(401, get(info, "Basic " + basic(WRONG_PASSWORD)));
      assertEquals(200, get(info, "Basic " + basic(PASSWORD)));
      Awaitility.await().until(() -> logs.lines().stream().filter(line -> line.startsWith("io.proxytftp.http.access"))
          .count() >= 4);
      lines = logs.lines();
    }
    assertTrue(lines.size() > 4, "logs were captured: " + lines.size());
    for (String secret : List.of(AdminApiTest.TOKEN, WRONG_TOKEN, PASSWORD, WRONG_PASSWORD, basic(PASSWORD),
        basic(WRONG_PASSWORD), "authorization")) {
      List<String> leaks = lines.stream().filter(line -> line.toLowerCase(Locale.ROOT).contains(secret.toLowerCase(Locale.ROOT)))
          .toList();
      assertEquals(List.of(), leaks, secret);
    }
  }

  private int get(URI uri, String authorization) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).header("Authorization", authorization).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private static String basic(String password) {
    return Base64.getEncoder().encodeToString(("ops:" + password).getBytes(StandardCharsets.UTF_8));
  }
}
