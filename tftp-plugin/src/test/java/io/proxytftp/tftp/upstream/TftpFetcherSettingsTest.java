package io.proxytftp.tftp.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.proxytftp.config.Limits;
import io.proxytftp.testing.TestConfigs;
import org.junit.jupiter.api.Test;

class TftpFetcherSettingsTest {

  @Test
  void defaultsFitOneEthernetFrame() {
    TftpFetcherSettings settings = TftpFetcherSettings.withDefaults(10);
    assertEquals(1428, settings.blockSize());
    assertEquals(16, settings.windowSize());
    assertEquals(5, settings.maxRetransmissions());
  }

  /** Every transfer limit the configuration accepts gives valid fetcher settings: fetches stop at their own bound. */
  @Test
  void theLargestTransferLimitGivesTheFetchersOwnBound() {
    Limits defaults = TestConfigs.limits();
    Limits largest = new Limits(Limits.MAX_TRANSFERS, 32, defaults.maxBlockSize(), defaults.maxWindowSize(),
        defaults.retransmitTimeout(), defaults.maxClientTimeout(), 7, defaults.shutdownGrace());
    TftpFetcherSettings settings = TftpFetcherSettings.forLimits(largest);
    assertEquals(TftpFetcherSettings.MAX_CONCURRENT_FETCHES, settings.maxConcurrentFetches());
    assertEquals(7, settings.maxRetransmissions());
  }

  @Test
  void everyInvalidArgumentIsNamedAtOnce() {
    IllegalArgumentException thrown =
        assertThrows(IllegalArgumentException.class, () -> new TftpFetcherSettings(7, 0, -1, 0));
    assertEquals("blockSize 7 outside 8..65464; windowSize 0 outside 1..65535; "
        + "maxRetransmissions -1 outside 0..100; maxConcurrentFetches 0 outside 1..8192", thrown.getMessage());
  }

  @Test
  void readBufferHoldsTheLargestBlockPlusOneByte() {
    assertEquals(1428 + 4 + 1, TftpFetcher.readBufferSize(1428));
    assertEquals(512 + 4 + 1, TftpFetcher.readBufferSize(8));
  }
}
