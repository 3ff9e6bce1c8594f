package io.proxytftp.config;

import static io.proxytftp.config.Loading.MINIMAL;
import static io.proxytftp.config.Loading.onlyProblem;
import static io.proxytftp.config.Loading.parse;
import static io.proxytftp.config.Loading.problems;
import static io.proxytftp.config.Loading.withCluster;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RemoteClustersSectionTest {
  private static RemoteCluster onlyCluster(String clusterLines) throws ConfigException {
    return parse(withCluster(clusterLines)).remoteClusters().get(0);
  }

  @Test
  void emptyListHasNoClusters() throws Exception {
    assertEquals(List.of(), parse(MINIMAL + "remote-clusters: []\n").remoteClusters());
  }

  @Test
  void clusterWithOnlyAnIdHasEmptyTextsAndDisabledServices() throws Exception {
    RemoteService disabled = new RemoteService(false, false, List.of());

    assertEquals(
        new RemoteCluster(
            "a",
            "",
            "",
            new RemoteServices(
                disabled,
                disabled,
                disabled,
                new TftpService(false, false, TftpService.AddressMode.MANUAL, List.of(), OptionalInt.empty())),
            Optional.empty(),
            SignatureTrust.none()),
        onlyCluster("cluster-id: a"));
  }

  @Test
  void clusterIdIsRequired() {
    ConfigProblem problem = onlyProblem(withCluster("description: x"));

    assertEquals("remote-clusters[0].cluster-id", problem.field());
    assertEquals("required", problem.message());
  }

  @ParameterizedTest
  @ValueSource(strings = {" ", "_", "*", "/", ":", "@", "\u00fc"})
  void clusterIdWithOtherCharacterIsRefusedWithItsPath(String character) {
    ConfigProblem problem = onlyProblem(withCluster("cluster-id: 'a" + character + "b'"));

    assertEquals("remote-clusters[0].cluster-id", problem.field());
    assertEquals(
        "character '" + character + "' is not allowed (use only letters, digits, '.' and '-')",
        problem.message());
  }

  @Test
  void clusterIdOf50CharactersIsAcceptedAnd51Refused() throws Exception {
    assertEquals("c".repeat(50), onlyCluster("cluster-id: " + "c".repeat(50)).clusterId());

    ConfigProblem problem = onlyProblem(withCluster("cluster-id: " + "c".repeat(51)));
    assertEquals("remote-clusters[0].cluster-id", problem.field());
    assertEquals("must be at most 50 characters, got 51", problem.message());
  }

  @Test
  void duplicateClusterIdIsRefusedIgnoringCase() {
    String yaml =
        MINIMAL
            + """
              remote-clusters:
                - cluster-id: cluster-a
                - cluster-id: cluster-b
                - cluster-id: Cluster-A
              """;

    ConfigProblem problem = onlyProblem(yaml);

    assertEquals("remote-clusters[2].cluster-id", problem.field());
    assertEquals(
        "cluster id 'Cluster-A' is already used by remote-clusters[0]"
            + " (cluster ids are compared ignoring case)",
        problem.message());
    assertEquals(7, problem.line());
    assertEquals(17, problem.column());
  }

  @Test
  void descriptionIsKept() throws Exception {
    assertEquals(
        "Headquarters, 3rd floor",
        onlyCluster("cluster-id: a\ndescription: Headquarters, 3rd floor").description());
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"", "<", ">", "\\", "-", "&", "%"})
  void descriptionWithForbiddenCharacterIsRefusedWithItsPath(String character) {
    ConfigProblem problem =
        onlyProblem(withCluster("cluster-id: a\ndescription: 'Head" + character + "quarters'"));

    assertEquals("remote-clusters[0].description", problem.field());
    assertEquals(
        "character '" + character + "' is not allowed (none of \" < > \\ - & % may be used)",
        problem.message());
  }

  @Test
  void descriptionOf128CharactersIsAcceptedAnd129Refused() throws Exception {
    assertEquals(
        128, onlyCluster("cluster-id: a\ndescription: " + "d".repeat(128)).description().length());

    ConfigProblem problem =
        onlyProblem(withCluster("cluster-id: a\ndescription: " + "d".repeat(129)));
    assertEquals("remote-clusters[0].description", problem.field());
    assertEquals("must be at most 128 characters, got 129", problem.message());
  }

  @Test
  void fullyQualifiedNameTakesLettersDigitsDotDashStarAndSpace() throws Exception {
    assertEquals(
        "*.Cucm-1.example.com x",
        onlyCluster("cluster-id: a\nfully-qualified-name: '*.Cucm-1.example.com x'")
            .fullyQualifiedName());
  }

  @ParameterizedTest
  @ValueSource(strings = {"_", "/", ":", "@", "\"", "\u00e9"})
  void fullyQualifiedNameWithOtherCharacterIsRefusedWithItsPath(String character) {
    ConfigProblem problem =
        onlyProblem(withCluster("cluster-id: a\nfully-qualified-name: 'cucm" + character + "a'"));

    assertEquals("remote-clusters[0].fully-qualified-name", problem.field());
    assertEquals(
        "character '"
            + character
            + "' is not allowed (use only letters, digits, '.', '-', '*' and space)",
        problem.message());
  }

  @Test
  void fullyQualifiedNameOf50CharactersIsAcceptedAnd51Refused() throws Exception {
    assertEquals(
        50,
        onlyCluster("cluster-id: a\nfully-qualified-name: " + "f".repeat(50))
            .fullyQualifiedName()
            .length());

    ConfigProblem problem =
        onlyProblem(withCluster("cluster-id: a\nfully-qualified-name: " + "f".repeat(51)));
    assertEquals("remote-clusters[0].fully-qualified-name", problem.field());
    assertEquals("must be at most 50 characters, got 51", problem.message());
  }

  @Test
  void fullyQualifiedNameIsRequiredForEnabledAutomaticTftp() {
    ConfigProblem problem =
        onlyProblem(
            withCluster(
                "cluster-id: a\nservices:\n  tftp: { enabled: true, addresses: automatic }"));

    assertEquals("remote-clusters[0].fully-qualified-name", problem.field());
    assertEquals(
        "required when services.tftp.addresses is automatic:"
            + " the TFTP addresses are looked up by this name",
        problem.message());
    assertEquals(5, problem.line());
    assertEquals(5, problem.column());
  }

  @Test
  void fullyQualifiedNameIsOptionalForDisabledAutomaticTftp() throws Exception {
    RemoteCluster cluster =
        onlyCluster("cluster-id: a\nservices:\n  tftp: { enabled: false, addresses: automatic }");

    assertEquals("", cluster.fullyQualifiedName());
  }

  @Test
  void problemsInDifferentClustersNameTheirIndex() {
    String yaml =
        MINIMAL
            + """
              remote-clusters:
                - cluster-id: a
                - cluster-id: b
                  description: x-y
                - cluster-id: c
                  fully-qualified-name: c_1
              """;

    List<ConfigProblem> problems = problems(yaml);

    assertEquals(
        List.of("remote-clusters[1].description", "remote-clusters[2].fully-qualified-name"),
        problems.stream().map(ConfigProblem::field).toList());
  }

  @Test
  void refusedFullyQualifiedNameIsNotAlsoReportedAsMissing() {
    ConfigProblem problem =
        onlyProblem(
            withCluster(
                "cluster-id: a\n"
                    + "fully-qualified-name: c_1\n"
                    + "services:\n"
                    + "  tftp: { enabled: true, addresses: automatic }"));

    assertEquals("remote-clusters[0].fully-qualified-name", problem.field());
    assertTrue(problem.message().startsWith("character '_'"), problem.message());
  }
}
