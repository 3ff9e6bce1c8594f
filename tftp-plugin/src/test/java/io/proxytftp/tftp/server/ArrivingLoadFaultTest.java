package io.proxytftp.tftp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.proxytftp.testing.TestConfigs;
import io.proxytftp.tftp.codec.ErrorPacket;
import io.proxytftp.tftp.codec.TftpError;
import io.proxytftp.tftp.server.FaultyUpstream.Fault;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A load large enough to reach phones while it still arrives, from an upstream that breaks: the
 * phone gets an ERROR, never a last block that makes a truncated file look complete (also when the
 * upstream announced a size that ends exactly at a block), nothing is cached, and once the upstream
 * is fixed a later request gets the right file.
 */
class ArrivingLoadFaultTest extends FaultyClustersTest {
  @ParameterizedTest
  @EnumSource(value = Fault.class, names = {"STOPS_MIDWAY", "ENDS_SHORT", "TSIZE_TOO_SMALL", "ERROR_MIDWAY"})
  void largeLoadArrivingBrokenIsNeverServedAsComplete(Fault fault) throws Exception {
    byte[] right = TftpTestFiles.randomBytes(3 << 20, 9);
    FaultyUpstream broken = clusters.upstream(fault, Duration.ZERO, right);
    clusters.startProxy(TestConfigs.cluster("broken", broken.address()));
    ErrorPacket error = clusters.errorForLoad();
    assertEquals(TftpError.NOT_DEFINED, error.error(), error.message());
    clusters.assertNothingCached();
    broken.fault(Fault.NONE);
    clusters.awaitRightBytes(right);
    clusters.assertCachedExactly(right);
  }
}
