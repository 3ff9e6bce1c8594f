package io.proxytftp.tftp.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxytftp.testing.RunningGateway;
import io.proxytftp.testing.TestConfigs;
import io.proxytftp.upstream.FetchResult;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fetcher against the gateway's own TFTP server: blksize 1428, windowsize 16, tsize. */
class TftpFetcherOwnServerTest {
  @TempDir static Path directory;
  static Path store;
  static RunningGateway gateway;
  static InetSocketAddress server;
  static RunningFetcher fetcher;

  @BeforeAll
  static void start() throws Exception {
    store = Files.createDirectories(directory.resolve("store"));
    gateway = RunningGateway.start(TestConfigs.gateway(directory, store));
    server = gateway.address("tftp");
    fetcher = RunningFetcher.withDefaults();
  }

  @AfterAll
  static void stop() throws Exception {
    fetcher.close();
    gateway.close();
  }

  private static byte[] serve(String name, int length) throws Exception {
    byte[] content = new byte[length];
    new Random(length).nextBytes(content);
    Files.write(store.resolve(name), content);
    return content;
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 512, 1428, 3 << 20})
  void fetchesFileByteForByte(int length) throws Exception {
    byte[] content = serve("file-" + length + ".bin", length);
    CollectingSink sink = new CollectingSink();
    FetchResult result = fetcher.fetch("file-" + length + ".bin", server, sink).get(30, TimeUnit.SECONDS);
    assertEquals(new FetchResult.Fetched(length), result);
    assertEquals(OptionalLong.of(length), sink.announced());
    assertTrue(Arrays.equals(content, sink.bytes()), "content differs");
  }

  @Test
  void fetchesFortyMegabytesAndReportsThroughput() throws Exception {
    int length = 40 << 20;
    byte[] content = serve("large.bin", length);
    CollectingSink sink = new CollectingSink();
    long started = System.nanoTime();
    FetchResult result = fetcher.fetch("large.bin", server, sink).get(60, TimeUnit.SECONDS);
    long nanos = System.nanoTime() - started;
    System.out.printf("fetched %d bytes from the gateway's own server in %d ms: %.0f bytes/s%n",
        length, TimeUnit.NANOSECONDS.toMillis(nanos), length * 1e9 / nanos);
    assertEquals(new FetchResult.Fetched(length), result);
    assertTrue(Arrays.equals(content, sink.bytes()), "content differs");
  }

  @Test
  void gatewayInstallsAndStartsItsOwnFetcher() throws Exception {
    byte[] content = serve("installed.bin", 5000);
    TftpFetcher installed = gateway.instance(TftpFetcher.class);
    CollectingSink sink = new CollectingSink();
    FetchResult result = installed.fetch(RunningFetcher.request("installed.bin", server, List.of()), sink)
        .get(30, TimeUnit.SECONDS);
    assertEquals("tftp", installed.scheme());
    assertEquals(new FetchResult.Fetched(content.length), result);
    assertTrue(Arrays.equals(content, sink.bytes()), "content differs");
  }

  @Test
  void missingFileIsNotFound() throws Exception {
    FetchResult result = fetcher.fetch("SEP000000000000.cnf.xml", server, new CollectingSink()).get(30, TimeUnit.SECONDS);
    assertTrue(result instanceof FetchResult.NotFound, result.toString());
  }
}
