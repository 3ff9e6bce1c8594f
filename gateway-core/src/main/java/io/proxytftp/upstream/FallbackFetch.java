package io.proxytftp.upstream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cluster address asked over its routes in turn: over HTTP first when the cluster serves its
 * files over HTTP too (faster for firmware), then over TFTP. The next route is taken only when the
 * one before failed before the file began to arrive (refused, reset, silent, an HTTP 5xx, a
 * protocol error). An answer ends the fetch, "not found" as much as the file, so a file the
 * cluster does not have is never asked for twice. A transfer that broke off once begun ends it
 * too: its bytes already went to the sink, which the search then throws away before it asks again
 * without this address.
 *
 * <p>Cancelling the future {@link #start} returns cancels the route being asked. Started once.
 */
final class FallbackFetch {
  private static final Logger LOG = LoggerFactory.getLogger(FallbackFetch.class);

  /** One way of asking the address: a fetcher, and the request in its terms (its port). */
  record Route(UpstreamFetcher fetcher, UpstreamRequest request) {}

  private final List<Route> routes;
  private final Runnable onStart;
  private final Runnable onFallback;
  private final CompletableFuture<FetchResult> result = new CompletableFuture<>();
  private volatile boolean begun;
  private CompletableFuture<FetchResult> current;

  /**
   * @param routes in the order they are tried; at least one
   * @param onStart told when the address is asked, for metrics
   * @param onFallback told each time a failed route hands over to the next, for metrics
   */
  FallbackFetch(List<Route> routes, Runnable onStart, Runnable onFallback) {
    if (routes.isEmpty()) {
      throw new IllegalArgumentException("an address is asked over one route at least");
    }
    this.routes = List.copyOf(routes);
    this.onStart = onStart;
    this.onFallback = onFallback;
  }

  CompletableFuture<FetchResult> start(ContentSink sink) {
    onStart.run();
    result.whenComplete((fetched, failure) -> {
      if (result.isCancelled()) {
        currentRoute().cancel(true);
      }
    });
    ask(0, new ContentSink() {
      @Override
      public void begin(OptionalLong announcedSize) throws IOException {
        begun = true;
        sink.begin(announcedSize);
      }

      @Override
      public void write(ByteBuffer bytes) throws IOException {
        sink.write(bytes);
      }

      @Override
      public void answeredBy(String hop) {
        sink.answeredBy(hop);
      }
    });
    return result;
  }

  private void ask(int index, ContentSink sink) {
    Route route = routes.get(index);
    CompletableFuture<FetchResult> fetch;
    try {
      fetch = route.fetcher().fetch(route.request(), sink);
    } catch (RuntimeException refused) {
      fetch = CompletableFuture.failedFuture(refused);
    }
    synchronized (this) {
      current = fetch;
    }
    if (result.isCancelled()) {
      fetch.cancel(true); // cancelled while this route was being set up
      return;
    }
    fetch.whenComplete((fetched, failure) -> {
      if (failure == null) {
        result.complete(fetched);
      } else if (index + 1 < routes.size() && !begun && !result.isDone() && !isCancellation(failure)) {
        Route next = routes.get(index + 1);
        LOG.debug("{} over {} at {} failed before sending ({}); asking over {} at {}", route.request().name(),
            route.fetcher().scheme(), route.request().address(), failure.getMessage(), next.fetcher().scheme(),
            next.request().address());
        onFallback.run();
        ask(index + 1, sink);
      } else {
        result.completeExceptionally(failure);
      }
    });
  }

  private synchronized CompletableFuture<FetchResult> currentRoute() {
    return current;
  }

  private static boolean isCancellation(Throwable failure) {
    return failure instanceof CancellationException || failure.getCause() instanceof CancellationException;
  }
}
