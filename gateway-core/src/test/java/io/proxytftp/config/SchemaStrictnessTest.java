package io.proxytftp.config;

import static io.proxytftp.config.Loading.MINIMAL;
import static io.proxytftp.config.Loading.onlyProblem;
import static io.proxytftp.config.Loading.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchemaStrictnessTest {
  @Test
  void unknownKeyNamesLineColumnAndKey() {
    ConfigProblem problem = onlyProblem(MINIMAL + "listeners:\n  tftp:\n    prot: 69\n");

    assertEquals(
        new ConfigProblem(
            Loading.SOURCE,
            6,
            5,
            "listeners.tftp.prot",
            "unknown key 'prot'; expected one of: enabled, bind-address, port"),
        problem);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "extra: 1 | extra | gateway, listeners, limits, caches, upstream, identity, signing, admin, sftp,"
            + " remote-clusters",
        "gateway: { id: gw, data-directory: /d, name: x } | gateway.name | id, data-directory,"
            + " local-store",
        "listeners: { ftp: {} } | listeners.ftp | tftp, http, sftp, admin",
        "listeners: { http: { address: 1.2.3.4 } } | listeners.http.address | enabled,"
            + " bind-address, port",
        "limits: { max-clients: 1 } | limits.max-clients | max-transfers, max-transfers-per-client,"
            + " max-block-size, max-window-size, retransmit-timeout, max-client-timeout, max-retransmissions,"
            + " shutdown-grace",
        "caches: { size: 1 } | caches.size | memory-size, disk-size, negative-ttl",
        "identity: { size: 1 } | identity.size | key-size, validity, certificate, private-key, keystore,"
            + " keystore-password",
        "signing: { digest: sha1 } | signing.digest | hash, revalidate-after, common-files",
        "admin: { user: x } | admin.user | token, username, password",
        "sftp: { user: x } | sftp.user | users, max-auth-attempts, auth-timeout, idle-timeout",
        "remote-clusters: [ { cluster-id: a, name: b } ] | remote-clusters[0].name"
            + " | cluster-id, description, fully-qualified-name, services, release, tftp-certificate, resign-unverified",
        "remote-clusters: [ { cluster-id: a, services: { ftp: {} } } ] |"
            + " remote-clusters[0].services.ftp | emcc, pstn-access, rsvp-agent, tftp",
        "remote-clusters: [ { cluster-id: a, services: { emcc: { on: true } } } ] |"
            + " remote-clusters[0].services.emcc.on | enabled, remote-activated, address-1,"
            + " address-2, address-3",
        "remote-clusters: [ { cluster-id: a, services: { tftp: { mode: manual } } } ] |"
            + " remote-clusters[0].services.tftp.mode | enabled, remote-activated, addresses,"
            + " http-port, address-1, address-2, address-3",
      })
  void unknownKeysAreRefusedAtEveryLevel(String yaml, String field, String expectedKeys) {
    String document = yaml.startsWith("gateway") ? yaml : MINIMAL + yaml;

    ConfigProblem problem = onlyProblem(document);

    assertEquals(field, problem.field());
    String key = field.substring(field.lastIndexOf('.') + 1);
    assertEquals("unknown key '" + key + "'; expected one of: " + expectedKeys, problem.message());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "gateway: [gw] | gateway | expected a mapping of keys to values, got a list",
        "gateway: { id: [a], data-directory: /d } | gateway.id | expected a single value, got a"
            + " list",
        "gateway: { id: gw, data-directory: { path: /d } } | gateway.data-directory | expected a"
            + " single value, got a mapping",
        "listeners: tftp | listeners | expected a mapping of keys to values, got \"tftp\"",
        "listeners: { tftp: [] } | listeners.tftp | expected a mapping of keys to values, got a"
            + " list",
        "listeners: { tftp: { port: [69] } } | listeners.tftp.port | expected a single value, got a"
            + " list",
        "limits: { max-transfers: ten } | limits.max-transfers | expected a number, got \"ten\"",
        "caches: { disk-size: big } | caches.disk-size | expected a size such as 512, 64KiB,"
            + " 256MiB, 4GiB or 500MB, got \"big\"",
        "remote-clusters: { cluster-id: a } | remote-clusters | expected a list, got a mapping",
        "remote-clusters: [ a ] | remote-clusters[0] | expected a mapping of keys to values, got"
            + " \"a\"",
        "remote-clusters: [ { cluster-id: a, services: [] } ] | remote-clusters[0].services |"
            + " expected a mapping of keys to values, got a list",
      })
  void wrongTypesAreRefusedWithWhatWasFound(String yaml, String field, String message) {
    String document = yaml.startsWith("gateway") ? yaml : MINIMAL + yaml;

    ConfigProblem problem = onlyProblem(document);

    assertEquals(field, problem.field());
    assertEquals(message, problem.message());
  }

  @Test
  void duplicateKeysAreRefusedAtEveryLevel() {
    String yaml =
        """
        gateway:
          id: gw
          data-directory: /d
          id: gw2
        listeners:
          tftp: { port: 1, port: 2 }
        gateway:
          id: other
        """;

    List<ConfigProblem> problems = problems(yaml);

    assertEquals(
        List.of(
            new ConfigProblem(
                Loading.SOURCE,
                4,
                3,
                "gateway.id",
                "duplicate key 'id'; first given at line 2, column 3"),
            new ConfigProblem(
                Loading.SOURCE,
                6,
                20,
                "listeners.tftp.port",
                "duplicate key 'port'; first given at line 6, column 11"),
            new ConfigProblem(
                Loading.SOURCE,
                7,
                1,
                "gateway",
                "duplicate key 'gateway'; first given at line 1, column 1")),
        problems);
  }

  @Test
  void duplicateKeyKeepsTheFirstValue() {
    ConfigProblem problem =
        onlyProblem(MINIMAL + "limits: { max-transfers: 100, max-transfers: 0 }\n");

    assertEquals("limits.max-transfers", problem.field());
    assertEquals(
        "duplicate key 'max-transfers'; first given at line 4, column 11", problem.message());
  }

  @Test
  void nonTextKeyIsRefused() {
    ConfigProblem problem = onlyProblem(MINIMAL + "limits:\n  ? [a, b]\n  : 1\n");

    assertEquals("limits", problem.field());
    assertEquals("keys must be plain text, got a list", problem.message());
  }

  @Test
  void mergeKeysAreUnknownKeys() {
    String yaml =
        MINIMAL
            + """
              listeners:
                tftp: &base { bind-address: 0.0.0.0 }
                http:
                  <<: *base
                  port: 80
              """;

    ConfigProblem problem = onlyProblem(yaml);

    assertEquals("listeners.http.<<", problem.field());
  }
}
