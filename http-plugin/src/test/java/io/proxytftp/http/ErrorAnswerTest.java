package io.proxytftp.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.proxytftp.config.AdminSettings;
import io.proxytftp.testing.TestConfigs;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The errors Jetty itself decides (a target it will not parse, a failed precondition, a range
 * outside the file, a path no handler takes) come as the gateway's own do: one line of plain text
 * on the phones' listener, a JSON object with {@code "error"} on the admin listener.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorAnswerTest {
  static final String TOKEN = "0123456789abcdef-test-token";

  @TempDir static Path directory;
  HttpGateway http;

  @BeforeAll
  void start() throws Exception {
    http = HttpGateway.start(directory, config -> TestConfigs.withAdmin(config,
        new AdminSettings(Optional.of(TOKEN), Optional.empty())));
    http.write("XMLDefault.cnf.xml", 1000);
  }

  @AfterAll
  void stop() {
    http.close();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "412 | /XMLDefault.cnf.xml | If-Match: \"another\"",
      "416 | /XMLDefault.cnf.xml | Range: bytes=5000-6000",
      "400 | /../x               | Accept: */*",
      "400 | /a%00b              | Accept: */*",
      "400 | /sub%5cdeep.txt     | Accept: */*",
      "404 | /SEP001122334455.cnf.xml | Accept: */*"})
  void everyErrorOnThePhonesListenerIsPlainText(int status, String target, String header) throws Exception {
    RawExchange response = RawExchange.send(http.gateway().address("http"), "GET", target, header);

    assertEquals(status, response.status(), response::toString);
    assertEquals(Optional.of(Replies.TEXT), response.header("Content-Type"), response::toString);
    assertFalse(response.body().contains("<"), response::toString);
    assertTrue(response.body().endsWith("\n") && response.body().lines().count() == 1, response::toString);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "404 | /nothing/here",
      "400 | /api/v1/cache/entries/a%00b",
      "400 | /../x"})
  void everyErrorOnTheAdminListenerIsJson(int status, String target) throws Exception {
    RawExchange response = RawExchange.send(http.gateway().address("admin"), "GET", target,
        "Authorization: Bearer " + TOKEN);

    assertEquals(status, response.status(), response::toString);
    assertEquals(Optional.of(Replies.JSON), response.header("Content-Type"), response::toString);
    assertTrue(new ObjectMapper().readTree(response.body()).path("error").isTextual(), response::toString);
  }
}
