package io.proxytftp.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.proxytftp.config.GatewaySettings;
import io.proxytftp.testing.CapturedLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceTokenTest {
  @TempDir Path directory;

  /** A gateway of the shipped configuration's id, its data directory under {@code name}. */
  private InstanceToken started(String name) throws Exception {
    InstanceToken token = new InstanceToken(
        new GatewaySettings("proxytftp-1", directory.resolve(name).resolve("data"), directory.resolve("store")));
    token.start();
    return token;
  }

  @Test
  void firstStartCreatesATokenThatLaterStartsKeep() throws Exception {
    String first = started("gateway").value();
    assertTrue(first.matches("[a-z2-7]{8}"), first);
    assertEquals(first, Files.readString(directory.resolve("gateway/data/instance-token")).strip());
    assertEquals(first, started("gateway").value());
  }

  @Test
  void gatewaysWithCopiedConfigurationsButTheirOwnDataDirectoriesGetTheirOwnTokens() throws Exception {
    assertNotEquals(started("one").value(), started("two").value());
  }

  @Test
  void aFileThatHoldsNoTokenIsReplacedWithAWarning() throws Exception {
    Path file = Files.createDirectories(directory.resolve("gateway/data")).resolve("instance-token");
    Files.writeString(file, "not a token\n");
    try (CapturedLogs logs = CapturedLogs.atLevel(Level.WARN)) {
      String token = started("gateway").value();
      assertTrue(token.matches("[a-z2-7]{8}"), token);
      assertEquals(token, Files.readString(file).strip());
      assertTrue(logs.warnings().stream().anyMatch(line -> line.contains(file.toString())), () -> logs.warnings().toString());
    }
  }
}
