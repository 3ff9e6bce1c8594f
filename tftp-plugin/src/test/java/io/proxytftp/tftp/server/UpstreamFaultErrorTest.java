package io.proxytftp.tftp.server;

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
 * Broken upstreams end to end, with no other cluster holding the file: the phone gets a clean TFTP
 * error within a bounded time, nothing is cached, not even half a file on disk, and once the
 * upstream is fixed a later request gets the right file.
 */
class UpstreamFaultErrorTest extends FaultyClustersTest {
  @ParameterizedTest
  @EnumSource(value = Fault.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
  void onlyClusterFailingGivesFileNotFoundInBoundedTimeAndIsAskedAgainOnceFixed(Fault fault) throws Exception {
    byte[] right = TftpTestFiles.randomBytes(20_000, 8);
    FaultyUpstream broken = clusters.upstream(fault, Duration.ZERO, right);
    clusters.startProxy(TestConfigs.cluster("broken", broken.address()));
    long started = System.nanoTime();
    ErrorPacket error = clusters.errorForLoad();
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertEquals(TftpError.FILE_NOT_FOUND, error.error(), error.message());
    long bound = FaultyClusters.UPSTREAM.fetchDeadline().toMillis() + 2_000;
    assertTrue(elapsedMillis < bound, "answered after " + elapsedMillis + " ms");
    clusters.assertNothingCached();
    broken.fault(Fault.NONE);
    clusters.awaitRightBytes(right);
    clusters.assertCachedExactly(right);
  }
}
