package io.proxytftp.tftp.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxytftp.config.UpstreamSettings;
import io.proxytftp.testing.TestConfigs;
import io.proxytftp.tftp.server.FaultyUpstream.Fault;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Broken upstreams end to end, with the file also on a sound one: a phone asks the gateway, a
 * cluster that misbehaves in one of the ways {@link FaultyUpstream} knows wins the race for the
 * file, and the phone still gets the right bytes, from another cluster or the same cluster's other
 * address; the cache holds nothing but the right bytes, on disk too.
 */
class UpstreamFaultFallbackTest extends FaultyClustersTest {
  @ParameterizedTest
  @EnumSource(value = Fault.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
  void fileComesFromTheSoundClusterWhenTheOtherFails(Fault fault) throws Exception {
    byte[] right = TftpTestFiles.randomBytes(20_000, 1);
    FaultyUpstream broken = clusters.upstream(fault, Duration.ZERO, TftpTestFiles.randomBytes(20_000, 2));
    FaultyUpstream sound = clusters.upstream(Fault.NONE, FaultyClusters.SOUND_DELAY, right);
    clusters.startProxy(TestConfigs.cluster("broken", broken.address()), TestConfigs.cluster("sound", sound.address()));
    assertArrayEquals(right, clusters.download());
    assertTrue(broken.requests() > 0);
    // Unless it never answered, the broken one won the race and the sound one was asked again after it.
    assertEquals(fault == Fault.SILENT ? 1 : 2, clusters.requestsTo("sound"));
    clusters.assertCachedExactly(right);
  }

  /**
   * An overloaded cluster answers at once, wins the race, then sends a block a second: with the
   * default fetch deadline (10 minutes) and hedge delay, the other cluster is asked after a second
   * and a phone with a few seconds' patience gets the whole load from it.
   */
  @Test
  void aDrippingWinnerIsRacedSoThePhoneGetsTheLoadWithinItsPatience() throws Exception {
    byte[] load = TftpTestFiles.randomBytes(200_000, 8);
    FaultyUpstream dripping = clusters.upstream(Fault.DRIP, Duration.ZERO, load);
    FaultyUpstream sound = clusters.upstream(Fault.NONE, FaultyClusters.SOUND_DELAY, load);
    UpstreamSettings u = FaultyClusters.UPSTREAM;
    clusters.startProxy(new UpstreamSettings(u.timeout(), u.searchTimeout(), Duration.ofMinutes(10),
            u.maxFetchesPerAddress(), u.failuresBeforeOpen(), u.openInterval(), u.dnsRefresh()),
        TestConfigs.cluster("dripping", dripping.address()), TestConfigs.cluster("sound", sound.address()));
    PatientDownload phone = new PatientDownload(512, 1, Duration.ofSeconds(4));
    assertArrayEquals(load, phone.from(clusters.tftp(), FaultyClusters.LOAD));
    assertEquals(1, clusters.hedges());
    assertEquals(2, clusters.requestsTo("sound")); // in the race, and racing the dripping winner
    clusters.assertCachedExactly(load);
  }

  @Test
  void fileComesFromTheClustersSecondAddressWhenTheFirstFails() throws Exception {
    byte[] right = TftpTestFiles.randomBytes(20_000, 3);
    FaultyUpstream broken = clusters.upstream(Fault.STOPS_MIDWAY, Duration.ZERO, TftpTestFiles.randomBytes(20_000, 4));
    FaultyUpstream sound = clusters.upstream(Fault.NONE, FaultyClusters.SOUND_DELAY, right);
    clusters.startProxy(TestConfigs.cluster("home", broken.address(), sound.address()));
    assertArrayEquals(right, clusters.download());
    assertEquals(3, clusters.requestsTo("home")); // both addresses, then the second again
    clusters.assertCachedExactly(right);
  }

  @Test
  void fileComesFromTheSoundClusterAfterTwoBrokenOnesWonTheRace() throws Exception {
    byte[] right = TftpTestFiles.randomBytes(20_000, 5);
    FaultyUpstream first = clusters.upstream(Fault.ERROR_MIDWAY, Duration.ZERO, TftpTestFiles.randomBytes(20_000, 6));
    FaultyUpstream second = clusters.upstream(Fault.ERROR_MIDWAY, Duration.ZERO, TftpTestFiles.randomBytes(20_000, 7));
    FaultyUpstream sound = clusters.upstream(Fault.NONE, FaultyClusters.SOUND_DELAY.multipliedBy(2), right);
    clusters.startProxy(TestConfigs.cluster("first", first.address()), TestConfigs.cluster("second", second.address()),
        TestConfigs.cluster("sound", sound.address()));
    assertArrayEquals(right, clusters.download());
    assertEquals(3, clusters.requestsTo("sound")); // in the race, after the first broke off, after the second
    clusters.assertCachedExactly(right);
  }
}
