package io.proxytftp.http.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Wrong admin credentials are told apart from none, and repeated ones from one address slowed down with 429. */
class AdminLoginThrottleTest {
  final HttpClient http = HttpClient.newHttpClient();
  @RegisterExtension final AdminGateway gateway = new AdminGateway();

  private HttpResponse<String> info(String token) throws Exception {
    return http.send(HttpRequest.newBuilder(gateway.api("/info")).header("Authorization", "Bearer " + token).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void wrongCredentialsAreToldApartFromMissingOnes() throws Exception {
    HttpResponse<String> none = http.send(HttpRequest.newBuilder(gateway.api("/info")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(401, none.statusCode());
    assertTrue(none.body().contains("\"credentials required\""), none.body());
    HttpResponse<String> wrong = info("wrong-token-wrong-token");
    assertEquals(401, wrong.statusCode());
    assertTrue(wrong.body().contains("\"wrong credentials\""), wrong.body());
    assertTrue(wrong.headers().firstValue("WWW-Authenticate").isPresent());
  }

  @Test
  void twoWrongLoginsCostNothing() throws Exception {
    assertEquals(401, info("wrong-token-wrong-token").statusCode());
    assertEquals(401, info("wrong-token-wrong-token").statusCode());
    assertEquals(200, info(AdminApiTest.TOKEN).statusCode());
  }

  /** Two wrong logins cost nothing; the third is answered and locks the address out for 1 s. */
  @Test
  void theThirdWrongLoginLocksTheAddressOutSoEvenTheRightTokenWaits() throws Exception {
    for (int i = 1; i <= 3; i++) {
      assertEquals(401, info("wrong-token-wrong-token").statusCode(), "failure " + i);
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
    for (int i = 1; i <= 3; i++) {
      info("wrong-token-wrong-token");
    }
    Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
        .until(() -> info("wrong-token-wrong-token").statusCode() == 401);
    HttpResponse<String> locked = info(AdminApiTest.TOKEN);
    assertEquals(429, locked.statusCode());
    assertEquals("2", locked.headers().firstValue("Retry-After").orElseThrow());
  }
}
