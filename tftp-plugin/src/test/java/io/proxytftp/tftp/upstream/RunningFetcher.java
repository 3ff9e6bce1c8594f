package io.proxytftp.tftp.upstream;

import io.proxytftp.lifecycle.WorkerPool;
import io.proxytftp.upstream.ContentSink;
import io.proxytftp.upstream.FetchResult;
import io.proxytftp.upstream.UpstreamRequest;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A started fetcher with workers of its own, stopped on close. */
final class RunningFetcher implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofMillis(200);
  static final Duration DEADLINE = Duration.ofSeconds(30);

  private final WorkerPool workers = new WorkerPool();
  private final TftpFetcher fetcher;

  RunningFetcher(TftpFetcherSettings settings) throws Exception {
    fetcher = new TftpFetcher(settings, workers);
    fetcher.start();
  }

  static RunningFetcher withDefaults() throws Exception {
    return new RunningFetcher(TftpFetcherSettings.withDefaults(16));
  }

  static UpstreamRequest request(String name, InetSocketAddress address, List<String> via) {
    return new UpstreamRequest(name, address, TIMEOUT, DEADLINE, via);
  }

  CompletableFuture<FetchResult> fetch(String name, InetSocketAddress address, ContentSink sink) {
    return fetcher.fetch(request(name, address, List.of()), sink);
  }

  CompletableFuture<FetchResult> fetch(UpstreamRequest request, ContentSink sink) {
    return fetcher.fetch(request, sink);
  }

  @Override
  public void close() throws Exception {
    fetcher.stop(Duration.ZERO);
    workers.stop(Duration.ofSeconds(1));
  }
}
