package io.proxytftp.tftp.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TftpFetcherSettingsTest {

  @Test
  void defaultsFitOneEthernetFrame() {
    TftpFetcherSettings settings = TftpFetcherSettings.withDefaults(10);
    assertEquals(1428, settings.blockSize());
    assertEquals(16, settings.windowSize());
    assertEquals(5, settings.maxRetransmissions());
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
