package io.proxytftp.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.proxytftp.identity.InstanceToken;
import io.proxytftp.testing.CapturedLogs;
import io.proxytftp.testing.RunningGateway;
import io.proxytftp.testing.TestConfigs;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop guard of a real gateway, asked through its resolver as its listeners ask it, with the
 * via lists other gateways would send. The file is in the gateway's own store, so whatever is not
 * refused is served.
 */
class LoopGuardTest {
  static final String ID = "proxytftp-1";
  static final String FILE = "XMLDefault.cnf.xml";
  static final InetSocketAddress CLIENT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40_000);

  @TempDir Path directory;
  @AutoClose CapturedLogs logs = CapturedLogs.atLevel(Level.INFO);
  @AutoClose RunningGateway gateway;
  String self;

  @BeforeEach
  void start() throws Exception {
    Path store = Files.createDirectories(directory.resolve("store"));
    Files.writeString(store.resolve(FILE), "<device/>");
    gateway = RunningGateway.start(TestConfigs.withGatewayId(TestConfigs.gateway(directory, store), ID));
    self = ID + "#" + gateway.instance(InstanceToken.class).value();
  }

  private Resolution resolve(List<String> via) throws Exception {
    Resolution resolution = gateway.instance(FileResolver.class).resolve(new FileRequest(FILE, CLIENT, "tftp", via))
        .get(5, TimeUnit.SECONDS);
    if (resolution instanceof Resolution.Found found) {
      found.file().close();
    }
    return resolution;
  }

  @Test
  void aRequestThatPassedThroughThisGatewayIsRefusedAndLogged() throws Exception {
    assertInstanceOf(Resolution.NotFound.class, resolve(List.of(self, "gw-b#2xw4tq9p")));
    assertTrue(logs.lines().stream().anyMatch(line -> line.contains("LoopGuard INFO refused " + FILE + " for 127.0.0.1:40000"
            + " over tftp: a cascade loop") && line.contains("via " + self + ",gw-b#2xw4tq9p")),
        () -> logs.lines().toString());
  }

  @Test
  void aRequestFromAnotherGatewayWithTheSameIdIsServedWithAWarning() throws Exception {
    assertInstanceOf(Resolution.Found.class, resolve(List.of(ID + "#2xw4tq9p")));
    assertTrue(logs.warnings().stream().anyMatch(line -> line.contains("the gateway at 127.0.0.1 (not a remote cluster of"
            + " this one) is a gateway with our own id " + ID + " (instance 2xw4tq9p")),
        () -> logs.warnings().toString());
  }

  @Test
  void aRequestFromAnOlderReleaseWithTheSameIdIsServed() throws Exception {
    assertInstanceOf(Resolution.Found.class, resolve(List.of(ID)));
    assertTrue(logs.warnings().stream().anyMatch(line -> line.contains("our own id " + ID + " (an older release")),
        () -> logs.warnings().toString());
  }

  @Test
  void aNamesakeIsWarnedAboutOnce() throws Exception {
    resolve(List.of(ID + "#2xw4tq9p"));
    resolve(List.of(ID + "#2xw4tq9p"));
    assertEquals(1, logs.warnings().stream().filter(line -> line.contains("our own id")).count(),
        () -> logs.warnings().toString());
  }

  @Test
  void cascadesDeeperThanEightGatewaysAreRefused() throws Exception {
    List<String> via = new ArrayList<>();
    for (int i = 0; i < LoopGuard.MAX_HOPS - 1; i++) {
      via.add("gw-" + i + "#2xw4tq9p");
    }
    assertInstanceOf(Resolution.Found.class, resolve(via));
    via.add("gw-last#2xw4tq9p");
    assertInstanceOf(Resolution.NotFound.class, resolve(via));
    assertTrue(logs.lines().stream().anyMatch(line -> line.contains("refused " + FILE) && line.contains("8 gateways")),
        () -> logs.lines().toString());
  }
}
