package io.proxytftp.upstream;

import java.util.concurrent.CompletableFuture;

/**
 * Fetches one file from one address of a remote cluster's file service. Plugins contribute one per
 * protocol (the TFTP plugin the TFTP fetcher, the HTTP plugin the HTTP one) through a Guice
 * multibinder; the core chooses among them by {@link #scheme()}.
 *
 * <p>The returned future completes with {@link FetchResult.Fetched} once every byte has been
 * written to the sink and matches the size the upstream announced, with {@link
 * FetchResult.NotFound} when the upstream says it has no such file, and exceptionally with an
 * {@link UpstreamException} for anything else (silence, protocol violations, truncation).
 * Cancelling the future aborts the transfer and releases everything it holds.
 */
public interface UpstreamFetcher {

  /** The protocol spoken, as named in cluster addresses: {@code tftp} or {@code http}. */
  String scheme();

  CompletableFuture<FetchResult> fetch(UpstreamRequest request, ContentSink sink);
}
