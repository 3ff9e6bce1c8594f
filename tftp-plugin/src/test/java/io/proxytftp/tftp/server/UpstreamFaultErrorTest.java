package io.proxytftp.tftp.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxytftp.testing.TestConfigs;
import io.proxytftp.tftp.codec.ErrorPacket;
import io.proxytftp.tftp.codec.TftpError;
import io.proxytftp.tftp.server.FaultyUpstream.Fault;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Broken upstreams end to end, with no other cluster holding the file: the phone gets TFTP error 0
 * naming a cluster failure (not error 1 "file not found", which would be remembered for the
 * negative TTL of 30 s) within a bounded time, nothing is cached, not even half a file on disk, and
 * the very next request after the upstream is mended gets the right file. A cluster silent from
 * the start counts as failed too: the gateway cannot tell whether it has the file.
 */
class UpstreamFaultErrorTest extends FaultyClustersTest {
  @ParameterizedTest
  @EnumSource(value = Fault.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
  void onlyClusterFailingGivesATransientErrorInBoundedTimeAndTheNextRequestOnceMendedIsServed(Fault fault)
      throws Exception {
    byte[] right = TftpTestFiles.randomBytes(20_000, 8);
    FaultyUpstream broken = clusters.upstream(fault, Duration.ZERO, right);
    clusters.startProxy(TestConfigs.cluster("broken", broken.address()));
    long started = System.nanoTime();
    ErrorPacket error = clusters.errorForLoad();
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertEquals(TftpError.NOT_DEFINED, error.error(), error.message());
    assertTrue(error.message().contains("cluster") || error.message().contains("broke off"), error.message());
    long bound = FaultyClusters.UPSTREAM.fetchDeadline().toMillis() + 2_000;
    assertTrue(elapsedMillis < bound, "answered after " + elapsedMillis + " ms");
    clusters.assertNothingCached();
    broken.fault(Fault.NONE);
    assertArrayEquals(right, clusters.download(), "the mended cluster was not asked again at once");
    clusters.assertCachedExactly(right);
  }
}
