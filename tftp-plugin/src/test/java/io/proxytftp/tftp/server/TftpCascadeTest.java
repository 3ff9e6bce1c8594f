package io.proxytftp.tftp.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
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
 * their instance tokens, so a cascade between them works and a real loop is still cut short.
 */
class TftpCascadeTest {
  static final String SAME_ID = "proxytftp-1";
  static final String PHONE = "SEP001956A3A472.cnf.xml";

  @TempDir Path directory;
  @AutoClose CapturedLogs logs = CapturedLogs.atLevel(Level.INFO);
  @AutoClose CascadedGateways gateways;

  private void start(String firstId, String secondId) throws Exception {
    gateways = CascadedGateways.start(directory, firstId, secondId,
        (id, gateway) -> TestConfigs.cluster(id, gateway.address("tftp")));
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
