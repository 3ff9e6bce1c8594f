package io.proxytftp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Parses configuration text the way the tests need it: one place for the common scaffolding. */
final class Loading {
  static final Path SOURCE = Path.of("/etc/proxytftp/gateway.yaml");

  /** The smallest valid configuration. */
  static final String MINIMAL =
      """
      gateway:
        id: gw
        data-directory: /var/proxytftp
      """;

  private Loading() {}

  static GatewayConfig parse(String yaml) throws ConfigException {
    return parse(yaml, Map.of());
  }

  static GatewayConfig parse(String yaml, Map<String, String> environment) throws ConfigException {
    return ConfigLoader.parse(yaml, SOURCE, environment::get);
  }

  static List<ConfigProblem> problems(String yaml) {
    return problems(yaml, Map.of());
  }

  static List<ConfigProblem> problems(String yaml, Map<String, String> environment) {
    return assertThrows(ConfigException.class, () -> parse(yaml, environment)).problems();
  }

  /** The one problem the text has; fails when it has none or several. */
  static ConfigProblem onlyProblem(String yaml) {
    List<ConfigProblem> problems = problems(yaml);
    assertEquals(1, problems.size(), () -> "expected one problem, got: " + problems);
    return problems.get(0);
  }

  /** The minimal configuration with one remote cluster, given as the list item's lines. */
  static String withCluster(String clusterLines) {
    return MINIMAL + "remote-clusters:\n  - " + clusterLines.strip().replace("\n", "\n    ") + "\n";
  }

  /** A configuration whose single cluster has a TFTP service with the given lines. */
  static String withTftp(String tftpLines) {
    return withCluster(
        "cluster-id: a\nfully-qualified-name: a.example.com\nservices:\n  tftp:\n    "
            + tftpLines.strip().replace("\n", "\n    "));
  }
}
