package io.proxytftp.http.admin;

import io.proxytftp.config.GatewayConfig;
import io.proxytftp.testing.RunningGateway;
import io.proxytftp.testing.TestConfigs;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real gateway with the admin API on ({@link AdminApiTest#CREDENTIALS}) for each test, in a
 * folder of its own, for tests that reach it over sockets:
 * {@code @RegisterExtension final AdminGateway gateway = new AdminGateway();}.
 */
final class AdminGateway implements BeforeEachCallback, AfterEachCallback {
  private Path directory;
  private RunningGateway gateway;

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    directory = Files.createTempDirectory("admin-gateway");
    Path store = Files.createDirectories(directory.resolve("store"));
    GatewayConfig config = TestConfigs.withAdmin(TestConfigs.gateway(directory, store), AdminApiTest.CREDENTIALS);
    gateway = RunningGateway.start(config);
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    if (gateway != null) {
      gateway.close();
    }
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  /** A folder the test may write to; deleted after it. */
  Path directory() {
    return directory;
  }

  InetSocketAddress address() {
    return gateway.address("admin");
  }

  /** The admin listener's own origin, {@code http://host:port}, as a browser would name it. */
  String origin() {
    return "http://" + address().getHostString() + ":" + address().getPort();
  }

  /** {@code path} under {@code /api/v1}. */
  URI api(String path) {
    return URI.create(origin() + AdminApiHandler.PREFIX + path);
  }
}
