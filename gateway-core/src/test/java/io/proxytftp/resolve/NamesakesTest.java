package io.proxytftp.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a real gateway's namesake check makes of the names remote clusters answer with, as the
 * search hands them on, and how that shares its memory with the check of requests' via lists.
 */
class NamesakesTest {
  static final String ID = "proxytftp-1";
  static final String OTHER = ID + "#2xw4tq9p";
  static final InetSocketAddress CLUSTER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 6969);

  @TempDir Path directory;
  @AutoClose CapturedLogs logs = CapturedLogs.atLevel(Level.INFO);
  @AutoClose RunningGateway gateway;
  Namesakes namesakes;
  String token;

  @BeforeEach
  void start() throws Exception {
    Path store = Files.createDirectories(directory.resolve("store"));
    Files.writeString(store.resolve(LoopGuardTest.FILE), "<device/>");
    gateway = RunningGateway.start(TestConfigs.withGatewayId(TestConfigs.gateway(directory, store), ID));
    namesakes = gateway.instance(Namesakes.class);
    token = gateway.instance(InstanceToken.class).value();
  }

  private List<String> namesakeWarnings() {
    return logs.warnings().stream().filter(line -> line.contains("our own id")).toList();
  }

  @Test
  void aRemoteClusterThatAnswersWithOurIdIsWarnedAboutByName() {
    namesakes.answered("peer", CLUSTER, OTHER);
    assertEquals(List.of("io.proxytftp.resolve.Namesakes WARN remote cluster peer (127.0.0.1:6969) is a gateway with"
        + " our own id " + ID + " (instance 2xw4tq9p; this one is " + token + "); give each gateway its own gateway.id"),
        namesakeWarnings());
  }

  @Test
  void aRemoteClusterThatAnswersWithOurIdIsWarnedAboutOnce() {
    namesakes.answered("peer", CLUSTER, OTHER);
    namesakes.answered("peer", CLUSTER, OTHER);
    assertEquals(1, namesakeWarnings().size(), () -> logs.warnings().toString());
  }

  /** The gateway is named once, whether it asked this one first or answered it first. */
  @Test
  void aNamesakeThatAnsweredIsNotWarnedAboutAgainWhenItAsks() throws Exception {
    namesakes.answered("peer", CLUSTER, OTHER);
    Resolution resolution = gateway.instance(FileResolver.class)
        .resolve(new FileRequest(LoopGuardTest.FILE, LoopGuardTest.CLIENT, "tftp", List.of(OTHER))).get(5, TimeUnit.SECONDS);
    ((Resolution.Found) resolution).file().close();
    assertEquals(1, namesakeWarnings().size(), () -> logs.warnings().toString());
  }

  @Test
  void aRemoteClusterWithAnotherIdOrThisVeryGatewayIsNoNamesake() {
    namesakes.answered("peer", CLUSTER, "gw-b#2xw4tq9p");
    namesakes.answered("self", CLUSTER, ID + "#" + token);
    assertTrue(namesakeWarnings().isEmpty(), () -> logs.warnings().toString());
  }

  @Test
  void anAnswerThatIsNoSingleHopIsIgnored() {
    namesakes.answered("peer", CLUSTER, OTHER + ",gw-b#2xw4tq9p");
    namesakes.answered("peer", CLUSTER, "");
    namesakes.answered("peer", CLUSTER, ID + "#" + "x".repeat(100));
    assertTrue(namesakeWarnings().isEmpty(), () -> logs.warnings().toString());
  }
}
