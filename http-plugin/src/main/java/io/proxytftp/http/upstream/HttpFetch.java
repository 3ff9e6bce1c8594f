package io.proxytftp.http.upstream;

import io.proxytftp.resolve.Via;
import io.proxytftp.upstream.ContentSink;
import io.proxytftp.upstream.FetchResult;
import io.proxytftp.upstream.UpstreamException;
import io.proxytftp.upstream.UpstreamRequest;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One file fetched over one HTTP exchange: {@code GET /<name>}, the status mapped to the fetcher
 * SPI's outcomes, the body streamed into the sink, the deadline enforced. Ending the fetch early —
 * cancelled, past its deadline, or stopped — aborts the exchange, which closes its connection.
 */
final class HttpFetch {
  private static final int OK = 200;
  private static final int NOT_FOUND = 404;

  private final UpstreamRequest request;
  private final ContentSink sink;
  private final URI uri;
  private final CompletableFuture<FetchResult> result = new CompletableFuture<>();
  private volatile CompletableFuture<HttpResponse<FetchResult>> exchange;
  private volatile SinkSubscriber body;

  HttpFetch(UpstreamRequest request, ContentSink sink) {
    this.request = request;
    this.sink = sink;
    this.uri = FileUri.of(request.address(), request.name());
  }

  /** The fetch's outcome; completing it early, by cancelling it for one, aborts the exchange. */
  CompletableFuture<FetchResult> result() {
    return result;
  }

  void start(HttpClient client, ScheduledExecutorService timer) {
    HttpRequest.Builder get = HttpRequest.newBuilder(uri).timeout(request.timeout()).GET();
    if (!request.via().isEmpty()) {
      get.header(HttpFetcher.VIA_HEADER, Via.format(request.via()));
    }
    ScheduledFuture<?> deadline = timer.schedule(() -> abort(new UpstreamException(
        uri + " took longer than the fetch deadline of " + request.deadline().toMillis() + " ms")),
        request.deadline().toNanos(), TimeUnit.NANOSECONDS);
    result.whenComplete((fetched, failure) -> {
      deadline.cancel(false);
      if (failure != null) {
        stopExchange();
      }
    });
    exchange = client.sendAsync(get.build(), this::subscriber);
    exchange.whenComplete(this::answered);
    if (result.isDone()) {
      stopExchange(); // ended while the request was being sent
    }
  }

  /** Ends the fetch with {@code why} unless it has ended already. */
  void abort(Throwable why) {
    result.completeExceptionally(why);
  }

  private HttpResponse.BodySubscriber<FetchResult> subscriber(HttpResponse.ResponseInfo response) {
    response.headers().firstValue(HttpFetcher.HOP_HEADER).ifPresent(sink::answeredBy); // a 404 names it too
    if (response.statusCode() != OK) {
      return HttpResponse.BodySubscribers.replacing(null);
    }
    SinkSubscriber subscriber = new SinkSubscriber(sink, response.headers().firstValueAsLong("Content-Length"), uri);
    body = subscriber;
    if (result.isDone()) {
      subscriber.cancel();
    }
    return subscriber;
  }

  private void answered(HttpResponse<FetchResult> response, Throwable failure) {
    if (failure != null) {
      result.completeExceptionally(upstreamFailure(failure));
    } else if (response.statusCode() == OK) {
      result.complete(response.body());
    } else if (response.statusCode() == NOT_FOUND) {
      result.complete(new FetchResult.NotFound("HTTP 404 from " + uri));
    } else {
      result.completeExceptionally(new UpstreamException("HTTP " + response.statusCode() + " from " + uri));
    }
  }

  /**
   * Aborts the exchange first (cancelling the client's future with interruption closes the
   * connection), then the body; the other way round, the body's end would complete the exchange's
   * future and leave nothing to abort, and the connection open.
   */
  private void stopExchange() {
    CompletableFuture<HttpResponse<FetchResult>> sent = exchange;
    if (sent != null) {
      sent.cancel(true);
    }
    SinkSubscriber streaming = body;
    if (streaming != null) {
      streaming.cancel();
    }
  }

  /** The failure as the SPI reports it, its cause kept: the sink's own failures must stay recognisable. */
  private Throwable upstreamFailure(Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof UpstreamException) {
      return cause;
    }
    if (cause instanceof HttpTimeoutException) {
      return new UpstreamException(uri + " did not answer within " + request.timeout().toMillis() + " ms", cause);
    }
    if (cause instanceof ConnectException) {
      return new UpstreamException(uri + " refused the connection", cause);
    }
    return new UpstreamException(uri + " failed: " + cause, cause);
  }
}
