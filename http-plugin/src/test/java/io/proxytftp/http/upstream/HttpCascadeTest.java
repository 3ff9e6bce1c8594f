package io.proxytftp.http.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.micrometer.core.instrument.MeterRegistry;
import io.proxytftp.config.RemoteCluster;
import io.proxytftp.testing.CapturedLogs;
import io.proxytftp.testing.CascadedGateways;
import io.proxytftp.testing.RunningGateway;
import io.proxytftp.testing.TestConfigs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateways that list each other as clusters over HTTP: the {@code Proxytftp-Via} header stops
 * the request at the gateway it started from, and only there, even when both were started from
 * copies of one configuration and share their {@code gateway.id}. When only one lists the other,
 * the {@code Proxytftp-Hop} header of the answers tells the one that lists it that they share it.
 */
class HttpCascadeTest {
  static final String SAME_ID = "proxytftp-1";
  static final String PHONE = "SEP001956A3A472.cnf.xml";

  @TempDir Path directory;

  private static RemoteCluster overHttp(String clusterId, RunningGateway gateway) {
    return TestConfigs.withHttpPort(TestConfigs.cluster(clusterId, gateway.address("tftp")), gateway.address("http").getPort());
  }

  private static HttpResponse<String> get(RunningGateway gateway, String name) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + gateway.address("http").getPort() + "/" + name)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A file neither gateway has, asked of the first: refused when it comes back, logged, answered 404 at once. */
  private void assertLoopIsCutShort(String firstId, String secondId) throws Exception {
    try (CapturedLogs logs = CapturedLogs.atLevel(Level.INFO);
        CascadedGateways gateways = CascadedGateways.start(directory, firstId, secondId, HttpCascadeTest::overHttp)) {
      long started = System.nanoTime();
      HttpResponse<String> response = get(gateways.first(), "SEP001122334455.cnf.xml");
      long millis = (System.nanoTime() - started) / 1_000_000;

      assertEquals(404, response.statusCode());
      assertTrue(millis < TestConfigs.upstream().searchTimeout().toMillis(), "answered in " + millis + " ms");
      assertEquals(1, gateways.first().instance(MeterRegistry.class).counter("resolve.answers", "source", "loop").count());
      assertTrue(logs.lines().stream().anyMatch(line -> line.contains("refused SEP001122334455.cnf.xml")
              && line.contains("over http: a cascade loop")),
          () -> "no line names the refusal: " + logs.lines());
    }
  }

  /** Asks the first gateway, which lists the second over HTTP, three times for a phone's file only the second has. */
  private static void askThriceForTheSecondsFile(CascadedGateways gateways) throws Exception {
    Files.writeString(gateways.secondStore().resolve(PHONE), "<device/>");
    for (int i = 0; i < 3; i++) {
      assertEquals("<device/>", get(gateways.first(), PHONE).body());
    }
    MeterRegistry meters = gateways.first().instance(MeterRegistry.class);
    assertEquals(3, meters.counter("upstream.requests", "cluster", "second").count(), "asked every time");
    assertEquals(0, meters.counter("upstream.fallbacks", "cluster", "second").count(), "asked over HTTP only");
  }

  /** The admin who copied the configuration looks at the gateway that lists the copy, which never asks back. */
  @Test
  void aGatewayWhoseRemoteClusterOverHttpCarriesItsOwnIdWarnsOnceNamingThatCluster() throws Exception {
    try (CapturedLogs logs = CapturedLogs.atLevel(Level.INFO);
        CascadedGateways gateways = CascadedGateways.oneWay(directory, SAME_ID, SAME_ID, HttpCascadeTest::overHttp)) {
      askThriceForTheSecondsFile(gateways);
      String warning = gateways.firstWarningOfItsNamesake();
      assertEquals(1, logs.warnings().stream().filter(warning::equals).count(),
          () -> "expected once: " + warning + "\nwarnings: " + logs.warnings());
    }
  }

  @Test
  void aGatewayWhoseRemoteClusterOverHttpHasAnotherIdDoesNotWarn() throws Exception {
    try (CapturedLogs logs = CapturedLogs.atLevel(Level.INFO);
        CascadedGateways gateways = CascadedGateways.oneWay(directory, "gw-one", "gw-two", HttpCascadeTest::overHttp)) {
      askThriceForTheSecondsFile(gateways);
      assertTrue(logs.warnings().stream().noneMatch(line -> line.contains("our own id")), () -> logs.warnings().toString());
    }
  }

  @Test
  void proxiesThatListEachOtherOverHttpAnswerNotFoundInsteadOfLooping() throws Exception {
    assertLoopIsCutShort("gw-first", "gw-second");
  }

  @Test
  void aLoopOverHttpBetweenGatewaysWithTheSameIdEndsInNotFoundAndIsLogged() throws Exception {
    assertLoopIsCutShort(SAME_ID, SAME_ID);
  }

  @Test
  void gatewaysWithTheSameIdCascadeToEachOtherOverHttp() throws Exception {
    try (CascadedGateways gateways = CascadedGateways.start(directory, SAME_ID, SAME_ID, HttpCascadeTest::overHttp)) {
      Files.writeString(gateways.secondStore().resolve("SEP001956A3A472.cnf.xml"), "<device/>");

      HttpResponse<String> response = get(gateways.first(), "SEP001956A3A472.cnf.xml");

      assertEquals(200, response.statusCode());
      assertEquals("<device/>", response.body());
      assertEquals(0, gateways.first().instance(MeterRegistry.class).counter("upstream.fallbacks", "cluster", "second")
          .count(), "served over HTTP, not by the TFTP fallback");
    }
  }
}
