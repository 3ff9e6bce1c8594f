package io.proxytftp.tftp.upstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxytftp.testing.TftpdHpa;
import io.proxytftp.upstream.FetchResult;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fetcher against tftpd-hpa, the server many clusters run: it grants blksize, tsize and timeout
 * but knows no windowsize, so the fetch runs in lock-step.
 */
class TftpFetcherTftpdHpaTest {
  @TempDir static Path folder;
  static Path root;
  static TftpdHpa tftpd;
  static InetSocketAddress server;
  static RunningFetcher fetcher;

  @BeforeAll
  static void start() throws Exception {
    root = Files.createDirectories(folder.resolve("root"));
    tftpd = TftpdHpa.start(root);
    server = tftpd.address();
    fetcher = RunningFetcher.withDefaults();
  }

  @AfterAll
  static void stop() throws Exception {
    if (fetcher != null) {
      fetcher.close();
    }
    if (tftpd != null) {
      tftpd.close();
    }
  }

  @Test
  void fetchesFileWithOptionsFromTftpdHpa() throws Exception {
    byte[] content = new byte[300_000];
    new Random(7).nextBytes(content);
    Files.write(root.resolve("SEP001122334455.cnf.xml"), content);
    CollectingSink sink = new CollectingSink();
    // tftpd-hpa may still be starting: the fetcher's retransmissions cover that.
    FetchResult result = fetcher.fetch("SEP001122334455.cnf.xml", server, sink).get(30, TimeUnit.SECONDS);
    assertEquals(new FetchResult.Fetched(content.length), result);
    assertEquals(OptionalLong.of(content.length), sink.announced());
    assertArrayEquals(content, sink.bytes());
  }

  @Test
  void missingFileOnTftpdHpaIsNotFound() throws Exception {
    FetchResult result = fetcher.fetch("missing.cnf.xml", server, new CollectingSink()).get(30, TimeUnit.SECONDS);
    assertTrue(result instanceof FetchResult.NotFound, result.toString());
  }
}
