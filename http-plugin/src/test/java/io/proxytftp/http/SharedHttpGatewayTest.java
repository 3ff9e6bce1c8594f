package io.proxytftp.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Tests that share one running gateway, started before the first and stopped after the last. */
abstract class SharedHttpGatewayTest {
  @TempDir static Path directory;
  static HttpGateway http;

  @BeforeAll
  static void startGateway() throws Exception {
    http = HttpGateway.start(directory);
  }

  @AfterAll
  static void stopGateway() {
    http.close();
  }

  /** Asserts that {@code text} contains each of {@code parts}, showing the text when not. */
  static void assertContainsAll(String text, String... parts) {
    for (String part : parts) {
      assertTrue(text.contains(part), () -> "no " + part + " in:\n" + text);
    }
  }
}
