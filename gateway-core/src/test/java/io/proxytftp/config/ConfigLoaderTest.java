package io.proxytftp.config;

import static io.proxytftp.config.Loading.MINIMAL;
import static io.proxytftp.config.Loading.SOURCE;
import static io.proxytftp.config.Loading.onlyProblem;
import static io.proxytftp.config.Loading.parse;
import static io.proxytftp.config.Loading.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxytftp.config.TftpService.AddressMode;
import io.proxytftp.signing.CommonFiles;
import io.proxytftp.signing.HashAlgorithm;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  private static final Path DEFAULT_CONFIGURATION =
      Path.of(System.getProperty("user.dir")).getParent().resolve("config/gateway.yaml");
  private static final String FULL_EXAMPLE =
      """
gateway:
  id: proxytftp-1
  data-directory: ../var
  local-store: ../var/store
listeners:
  tftp: { enabled: true, bind-address: 0.0.0.0, port: 69 }
  http: { enabled: false, bind-address: "::1", port: 8080 }
  sftp: { enabled: true, bind-address: 192.0.2.7, port: 0 }
limits:
  max-transfers: 1000
  max-transfers-per-client: 10
  max-block-size: 1428
  max-window-size: 16
  retransmit-timeout: 500ms
  max-client-timeout: 5s
  max-retransmissions: 3
  shutdown-grace: 2m
caches:
  memory-size: 64KiB
  disk-size: 2GB
  negative-ttl: 1h
remote-clusters:
  - cluster-id: cluster-a
    description: Headquarters
    fully-qualified-name: cucm-a.example.com
    services:
      emcc:        { enabled: true, remote-activated: true, address-1: emcc.example.com:8443 }
      pstn-access: { enabled: false, address-2: 10.0.0.5 }
      rsvp-agent:  { enabled: true }
      tftp:
        enabled: true
        remote-activated: false
        addresses: manual
        address-1: 10.0.0.10
        address-2: cucm-a2.example.com:6969
        address-3:
  - cluster-id: cluster-b
    fully-qualified-name: "*.b.example.com"
    services:
      tftp: { enabled: true, addresses: automatic }
""";

  @Test
  void fullExampleParsesIntoTheExactRecords() throws Exception {
    Path folder = SOURCE.getParent();
    RemoteService disabled = new RemoteService(false, false, List.of());
    GatewayConfig expected =
        new GatewayConfig(
            SOURCE,
            new GatewaySettings(
                "proxytftp-1",
                folder.resolve("../var").normalize(),
                folder.resolve("../var/store").normalize()),
            new Listeners(
                new ListenerSettings(true, InetAddress.getByName("0.0.0.0"), 69),
                new ListenerSettings(false, InetAddress.getByName("::1"), 8080),
                new ListenerSettings(true, InetAddress.getByName("192.0.2.7"), 0),
                new ListenerSettings(true, InetAddress.getByName("127.0.0.1"), 8470)),
            new Limits(1000, 10, 1428, 16, Duration.ofMillis(500), Duration.ofSeconds(5), 3, Duration.ofMinutes(2)),
            new CacheSettings(64 * 1024, 2_000_000_000L, Duration.ofHours(1)),
            UpstreamSectionTest.DEFAULTS,
            new IdentitySource.Generated(2048, Duration.ofDays(3650)),
            new SigningSettings(HashAlgorithm.SHA512, Duration.ofMinutes(10), CommonFiles.DEFAULT_PATTERNS),
            AdminSettings.none(),
            SftpSettings.none(),
            List.of(
                new RemoteCluster(
                    "cluster-a",
                    "Headquarters",
                    "cucm-a.example.com",
                    new RemoteServices(
                        new RemoteService(
                            true, true, List.of(new ServiceAddress("emcc.example.com", 8443))),
                        new RemoteService(
                            false, false, List.of(new ServiceAddress("10.0.0.5", 69))),
                        new RemoteService(true, false, List.of()),
                        new TftpService(
                            true,
                            false,
                            AddressMode.MANUAL,
                            List.of(
                                new ServiceAddress("10.0.0.10", 69),
                                new ServiceAddress("cucm-a2.example.com", 6969)), OptionalInt.empty())),
                    Optional.empty(),
                    SignatureTrust.none()),
                new RemoteCluster(
                    "cluster-b",
                    "",
                    "*.b.example.com",
                    new RemoteServices(
                        disabled,
                        disabled,
                        disabled,
                        new TftpService(true, false, AddressMode.AUTOMATIC, List.of(), OptionalInt.empty())),
                    Optional.empty(),
                    SignatureTrust.none())));

    assertEquals(expected, parse(FULL_EXAMPLE));
  }

  @Test
  void absentSectionsTakeTheirDefaults() throws Exception {
    GatewayConfig config = parse(MINIMAL);

    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    assertEquals(
        new Listeners(
            new ListenerSettings(true, loopback, 6969),
            new ListenerSettings(true, loopback, 6970),
            new ListenerSettings(true, loopback, 2222),
            new ListenerSettings(true, loopback, 8470)),
        config.listeners());
    assertEquals(
        new Limits(4096, 32, 65464, 64, Duration.ofSeconds(1), Duration.ofSeconds(5), 5, Duration.ofSeconds(10)),
        config.limits());
    assertEquals(new CacheSettings(256L << 20, 4L << 30, Duration.ofSeconds(30)), config.caches());
    assertEquals(List.of(), config.remoteClusters());
    assertEquals(Path.of("/var/proxytftp/store"), config.gateway().localStore());
  }

  @Test
  void nullSectionsTakeTheirDefaults() throws Exception {
    GatewayConfig config = parse(MINIMAL + "listeners:\nlimits:\ncaches:\nremote-clusters:\n");

    assertEquals(parse(MINIMAL), config);
  }

  @Test
  void emptyFileNeedsTheGatewaySection() {
    ConfigProblem problem = onlyProblem("");

    assertEquals("gateway", problem.field());
    assertEquals("required", problem.message());
    assertEquals(1, problem.line());
    assertEquals(1, problem.column());
  }

  @Test
  void documentThatIsNotAMappingIsRefused() {
    List<ConfigProblem> problems = problems("- gateway\n");

    assertEquals("(document)", problems.get(0).field());
    assertTrue(
        problems.get(0).message().startsWith("expected a mapping"), problems.get(0).message());
  }

  @Test
  void problemsCarryOneBasedLineAndColumn() {
    String yaml =
        """
        gateway:
          id: gw
          data-directory: /var/proxytftp
        listeners:
          tftp:
            port: 99999
          http: { port: x }
        """;

    List<ConfigProblem> problems = problems(yaml);

    assertEquals(2, problems.size(), problems::toString);
    assertEquals(
        new ConfigProblem(
            SOURCE, 6, 11, "listeners.tftp.port", "must be between 0 and 65535, got 99999"),
        problems.get(0));
    assertEquals(
        new ConfigProblem(SOURCE, 7, 17, "listeners.http.port", "expected a number, got \"x\""),
        problems.get(1));
  }

  @Test
  void missingRequiredFieldPointsAtTheEnclosingMapping() {
    ConfigProblem problem = onlyProblem("listeners: {}\ngateway:\n  id: gw\n");

    assertEquals("gateway.data-directory", problem.field());
    assertEquals("required", problem.message());
    assertEquals(3, problem.line());
    assertEquals(3, problem.column());
  }

  @Test
  void severalProblemsAreReportedTogetherInFileOrder() {
    String yaml =
        """
        gateway:
          id: "gw 1"
        listeners:
          sftp: { port: -1 }
        limits:
          retransmit-timeout: 1s
          shutdown-grace: forever
        colour: blue
        remote-clusters:
          - cluster-id: a
            description: A - B
        """;

    List<ConfigProblem> problems = problems(yaml);

    assertEquals(
        List.of(
            "gateway.data-directory",
            "gateway.id",
            "listeners.sftp.port",
            "limits.shutdown-grace",
            "colour",
            "remote-clusters[0].description"),
        problems.stream().map(ConfigProblem::field).toList());
  }

  @Test
  void exceptionMessageListsEveryProblemOnItsOwnLine() {
    ConfigException exception =
        assertThrows(
            ConfigException.class,
            () ->
                ConfigLoader.parse("gateway: {}\n", Path.of("config/gateway.yaml"), name -> null));

    assertEquals(
        "config/gateway.yaml:1:10: gateway.id: required\n"
            + "config/gateway.yaml:1:10: gateway.data-directory: required",
        exception.getMessage());
  }

  @Test
  void problemPrintsAsFileLineColumnFieldMessage() {
    ConfigProblem problem =
        new ConfigProblem(
            Path.of("config/gateway.yaml"),
            14,
            9,
            "remote-clusters[2].services.tftp.address-1",
            "not a host[:port]: \"10.0.0.1:99999\"");

    assertEquals(
        "config/gateway.yaml:14:9: remote-clusters[2].services.tftp.address-1:"
            + " not a host[:port]: \"10.0.0.1:99999\"",
        problem.toString());
  }

  @Test
  void yamlSyntaxErrorIsOneProblemAtItsLineAndColumn() {
    ConfigProblem problem =
        onlyProblem("gateway:\n  id: gw\n  data-directory: [a, b\nlimits: {}\n");

    assertEquals("(yaml)", problem.field());
    assertEquals(4, problem.line());
    assertEquals(7, problem.column());
  }

  @Test
  void tabIndentationIsASyntaxErrorWithPosition() {
    ConfigProblem problem = onlyProblem("gateway:\n\tid: gw\n");

    assertEquals("(yaml)", problem.field());
    assertEquals(2, problem.line());
    assertEquals(1, problem.column());
  }

  @Test
  void severalDocumentsInOneFileAreRefused() {
    ConfigProblem problem = onlyProblem(MINIMAL + "---\n" + MINIMAL);

    assertEquals("(yaml)", problem.field());
    assertEquals(4, problem.line());
  }

  @Test
  void yamlBombIsRefused() {
    StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int level = 1; level <= 9; level++) {
      String previous = "*a" + (level - 1);
      yaml.append("a")
          .append(level)
          .append(": &a")
          .append(level)
          .append(" [")
          .append(String.join(", ", Collections.nCopies(10, previous)))
          .append("]\n");
    }

    ConfigProblem problem = onlyProblem(yaml.toString());

    assertEquals("(yaml)", problem.field());
    assertTrue(problem.message().contains("aliases"), problem.message());
  }

  @Test
  void fewAliasesAreAllowed() throws Exception {
    String yaml =
        MINIMAL
            + """
              remote-clusters:
                - cluster-id: a
                  services: &shared
                    rsvp-agent: { enabled: true }
                - cluster-id: b
                  services: *shared
              """;

    GatewayConfig config = parse(yaml);

    assertEquals(
        config.remoteClusters().get(0).services(), config.remoteClusters().get(1).services());
  }

  @Test
  void oversizedDocumentIsRefused() {
    String yaml = MINIMAL + "listeners: " + "x".repeat(ConfigLoader.MAX_CODE_POINTS) + "\n";

    ConfigProblem problem = onlyProblem(yaml);

    assertEquals("(yaml)", problem.field());
    assertTrue(problem.message().contains("limit"), problem.message());
  }

  @Test
  void relativePathsResolveAgainstTheFilesFolder(@TempDir Path folder) throws Exception {
    Path file = folder.resolve("config/gateway.yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "gateway:\n  id: gw\n  data-directory: ../var\n  local-store: store\n");
    Files.createDirectories(folder.resolve("config/store"));

    GatewaySettings gateway = ConfigLoader.load(file).gateway();

    assertEquals(folder.resolve("var"), gateway.dataDirectory());
    assertEquals(folder.resolve("config/store"), gateway.localStore());
  }

  @Test
  void loadKeepsTheSourcePathAsGiven(@TempDir Path folder) throws Exception {
    Path file = folder.resolve("gateway.yaml");
    Files.writeString(file, MINIMAL);

    assertEquals(file, ConfigLoader.load(file).source());
  }

  @Test
  void missingFileIsAProblemOnLineZero(@TempDir Path folder) {
    Path file = folder.resolve("absent.yaml");

    ConfigException exception = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));

    assertEquals(
        List.of(new ConfigProblem(file, 0, 0, "(file)", "no such file")), exception.problems());
  }

  @Test
  void folderInsteadOfFileIsAProblem(@TempDir Path folder) {
    ConfigException exception =
        assertThrows(ConfigException.class, () -> ConfigLoader.load(folder));

    assertEquals("(file)", exception.problems().get(0).field());
    assertEquals(0, exception.problems().get(0).line());
  }

  @Test
  void fileThatIsNotUtf8IsAProblem(@TempDir Path folder) throws IOException {
    Path file = folder.resolve("latin1.yaml");
    Files.write(file, "gateway:\n  id: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

    ConfigException exception = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));

    assertEquals(
        List.of(new ConfigProblem(file, 0, 0, "(file)", "not UTF-8 text")), exception.problems());
  }

  @Test
  void repositoryDefaultConfigurationLoadsWithoutProblems() throws Exception {
    GatewayConfig config = ConfigLoader.load(DEFAULT_CONFIGURATION);
    Path file = DEFAULT_CONFIGURATION;

    assertEquals("proxytftp-1", config.gateway().id());
    assertEquals(file.getParent().resolve("store").normalize(), config.gateway().localStore());
    assertEquals(6969, config.listeners().tftp().port());
    assertEquals(parse(MINIMAL).limits(), config.limits());
    assertEquals(parse(MINIMAL).caches(), config.caches());
    assertEquals(List.of("cluster-a", "cluster-b"),
        config.remoteClusters().stream().map(RemoteCluster::clusterId).toList());
    assertEquals(List.of(new ServiceAddress("127.0.0.1", 7002)),
        config.remoteClusters().get(1).services().tftp().addresses());
  }

  @Test
  void demoClusterConfigurationsLoadWithoutProblems() throws Exception {
    for (String cluster : List.of("cluster-a", "cluster-b")) {
      GatewayConfig demo = ConfigLoader.load(DEFAULT_CONFIGURATION.resolveSibling("demo/" + cluster + ".yaml"));
      assertEquals("demo-" + cluster, demo.gateway().id());
      assertEquals(List.of(), demo.remoteClusters());
    }
  }

  @Test
  void commentedOutExampleClusterInTheDefaultConfigurationIsValid() throws Exception {
    String text = Files.readString(DEFAULT_CONFIGURATION);
    int exampleStart = text.indexOf("#   - cluster-id: headquarters");
    String example = text.substring(exampleStart).replaceAll("(?m)^# ?", "");
    String uncommented = text.substring(0, exampleStart) + example;

    RemoteCluster cluster =
        ConfigLoader.parse(uncommented, DEFAULT_CONFIGURATION, name -> null)
            .remoteClusters()
            .get(2);

    assertEquals("headquarters", cluster.clusterId());
    assertEquals(
        List.of(
            new ServiceAddress("10.0.0.10", 69),
            new ServiceAddress("cucm-a2.example.com", 6969),
            new ServiceAddress("2001:db8::10", 69)),
        cluster.services().tftp().addresses());
  }
}
