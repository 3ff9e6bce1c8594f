package io.proxytftp.tftp.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.micrometer.core.instrument.MeterRegistry;
import io.proxytftp.config.RemoteCluster;
import io.proxytftp.identity.InstanceToken;
import io.proxytftp.testing.CapturedLogs;
import io.proxytftp.testing.CascadedGateways;
import io.proxytftp.testing.RunningGateway;
import io.proxytftp.testing.TestConfigs;
import io.proxytftp.tftp.codec.TftpError;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateways started from copies of one configuration (the same {@code gateway.id}) with data
 * directories of their own, each listing the other over TFTP: the loop guard tells them apart by
 * their instance tokens, so a cascade between them works and a real loop is still cut short. When
 * only one lists the other, the one that lists it tells its admin that they share their id.
 */
class TftpCascadeTest {
  static final String SAME_ID = "proxytftp-1";
  static final String PHONE = "SEP001956A3A472.cnf.xml";

  @TempDir Path directory;
  @AutoClose CapturedLogs logs = CapturedLogs.atLevel(Level.INFO);
  @AutoClose CascadedGateways gateways;

  private void start(String firstId, String secondId) throws Exception {
    gateways = CascadedGateways.start(directory, firstId, secondId, TftpCascadeTest::overTftp);
  }

  private static RemoteCluster overTftp(String clusterId, RunningGateway gateway) {
    return TestConfigs.cluster(clusterId, gateway.address("tftp"));
  }

  /** The first gateway, which lists the second as cluster {@code second}, asked three times for a phone's file only the second has. */
  private void askTheFirstThriceForTheSecondsFile(String firstId, String secondId) throws Exception {
    gateways = CascadedGateways.oneWay(directory, firstId, secondId, TftpCascadeTest::overTftp);
    byte[] content = TftpTestFiles.write(gateways.secondStore(), PHONE, 3_000);
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(content, RawTftpClient.download(gateways.first().address("tftp"), PHONE));
    }
    assertEquals(3, gateways.first().instance(MeterRegistry.class).counter("upstream.requests", "cluster", "second")
        .count(), "a device file is asked of its cluster every time");
  }

  /**
   * An admin who copied the configuration to a second machine looks at the gateway that lists the
   * copy; the copy never asks back, so only the answers can tell.
   */
  @Test
  void aGatewayWhoseRemoteClusterCarriesItsOwnIdWarnsOnceNamingThatCluster() throws Exception {
    askTheFirstThriceForTheSecondsFile(SAME_ID, SAME_ID);
    String warning = gateways.firstWarningOfItsNamesake();
    assertEquals(1, logs.warnings().stream().filter(warning::equals).count(),
        () -> "expected once: " + warning + "\nwarnings: " + logs.warnings());
  }

  @Test
  void aGatewayWhoseRemoteClusterHasAnotherIdDoesNotWarn() throws Exception {
    askTheFirstThriceForTheSecondsFile("gw-one", "gw-two");
    assertTrue(logs.warnings().stream().noneMatch(line -> line.contains("our own id")), () -> logs.warnings().toString());
  }

  @Test
  void gatewaysWithTheSameIdCascadeToEachOther() throws Exception {
    start(SAME_ID, SAME_ID);
    byte[] content = TftpTestFiles.write(gateways.secondStore(), PHONE, 3_000);
    assertArrayEquals(content, RawTftpClient.download(gateways.first().address("tftp"), PHONE));
  }

  @Test
  void aGatewayAskedByAnotherWithItsOwnIdWarnsNamingThatCluster() throws Exception {
    start(SAME_ID, SAME_ID);
    TftpTestFiles.write(gateways.secondStore(), PHONE, 3_000);
    RawTftpClient.download(gateways.first().address("tftp"), PHONE);
    assertTrue(logs.warnings().stream().anyMatch(line -> line.contains("remote cluster first")
            && line.contains("our own id " + SAME_ID) && line.contains(token(gateways.first()))),
        () -> "no warning about the namesake: " + logs.warnings());
  }

  @Test
  void aLoopBetweenGatewaysWithTheSameIdEndsInNotFoundAndIsLogged() throws Exception {
    start(SAME_ID, SAME_ID);
    String missing = "SEP0000000000BB.cnf.xml";
    long started = System.nanoTime();
    try (RawTftpClient client = new RawTftpClient(gateways.first().address("tftp"))) {
      client.readRequest(missing);
      client.expectError(TftpError.FILE_NOT_FOUND);
    }
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertTrue(elapsedMillis < TestConfigs.upstream().searchTimeout().toMillis(),
        "the loop was not cut short: " + elapsedMillis + " ms");
    String self = SAME_ID + "#" + token(gateways.first());
    assertTrue(logs.lines().stream().anyMatch(line -> line.contains("refused " + missing) && line.contains("loop")
            && line.contains(self)),
        () -> "no line names the refusal: " + logs.lines());
  }

  @Test
  void gatewaysWithOtherIdsStillCascade() throws Exception {
    start("gw-one", "gw-two");
    byte[] content = TftpTestFiles.write(gateways.secondStore(), PHONE, 3_000);
    assertArrayEquals(content, RawTftpClient.download(gateways.first().address("tftp"), PHONE));
    assertTrue(logs.warnings().stream().noneMatch(line -> line.contains("our own id")), () -> logs.warnings().toString());
  }

  private static String token(RunningGateway gateway) {
    return gateway.instance(InstanceToken.class).value();
  }
}
