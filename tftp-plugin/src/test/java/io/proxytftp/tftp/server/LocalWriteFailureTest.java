package io.proxytftp.tftp.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.micrometer.core.instrument.MeterRegistry;
import io.proxytftp.cache.Sha256;
import io.proxytftp.cluster.AddressText;
import io.proxytftp.cluster.UpstreamHealth;
import io.proxytftp.config.GatewaySettings;
import io.proxytftp.testing.CapturedLogs;
import io.proxytftp.testing.TestConfigs;
import io.proxytftp.tftp.codec.ErrorPacket;
import io.proxytftp.tftp.codec.TftpError;
import io.proxytftp.tftp.server.FaultyUpstream.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A gateway that cannot write what a healthy cluster sends: the phone hears "try again", the log
 * names the local folder, and the cluster's circuit is untouched however often it happens. The
 * write is made to fail with a regular file where the cache expects a folder, which stops root as
 * surely as anyone (tests run as root, whom permissions do not stop).
 */
class LocalWriteFailureTest extends FaultyClustersTest {
  @ParameterizedTest
  @ValueSource(strings = {"cache folder", "fan-out folder"})
  void aLocalWriteFailureIsNeverCountedAgainstTheClusterThatSentTheFile(String blocked) throws Exception {
    byte[] content = TftpTestFiles.randomBytes(20_000, 3);
    FaultyUpstream healthy = clusters.upstream(Fault.NONE, Duration.ZERO, content);
    clusters.startProxy(TestConfigs.cluster("healthy", healthy.address()));
    Path cache = clusters.proxy().instance(GatewaySettings.class).dataDirectory().resolve("cache");
    Path folder = blocked.equals("cache folder") ? cache : cache.resolve(Sha256.of(FaultyClusters.LOAD.getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 2));
    Files.deleteIfExists(folder);
    Files.writeString(folder, "a file where the cache expects a folder");
    UpstreamHealth health = clusters.proxy().instance(UpstreamHealth.class);
    int failuresBeforeOpen = FaultyClusters.UPSTREAM.failuresBeforeOpen();

    try (CapturedLogs logs = CapturedLogs.atLevel(Level.INFO)) {
      for (int request = 0; request <= failuresBeforeOpen; request++) {
        ErrorPacket error = clusters.errorForLoad();
        assertEquals(TftpError.NOT_DEFINED, error.error(), error.message());
        assertEquals("the gateway could not store the file; try again", error.message());
      }
      List<String> warnings = logs.warnings();
      assertTrue(warnings.stream().anyMatch(line -> line.contains("local write failed") && line.contains(cache.toString())),
          warnings::toString);
      assertFalse(warnings.stream().anyMatch(line -> line.contains("is failing")), warnings::toString);
    }

    assertEquals(UpstreamHealth.State.CLOSED, health.state(healthy.address()));
    assertEquals(0, health.consecutiveFailures(healthy.address()));
    assertEquals(0, clusters.proxy().instance(MeterRegistry.class).counter("upstream.circuit.opened", "address",
        AddressText.of(healthy.address())).count());
    assertEquals(failuresBeforeOpen + 1, healthy.requests(), "the cluster is asked once per request, not again for a local failure");
    Files.delete(folder);
    Files.createDirectories(cache);
    assertArrayEquals(content, clusters.download());
  }
}
