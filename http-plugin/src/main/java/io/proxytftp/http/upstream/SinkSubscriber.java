package io.proxytftp.http.upstream;

import io.proxytftp.upstream.ContentSink;
import io.proxytftp.upstream.FetchResult;
import io.proxytftp.upstream.UpstreamException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Streams a {@code 200 OK} body into the fetch's sink as it arrives, one chunk asked for at a
 * time, so a large file is never held in memory and a slow sink slows the upstream down instead of
 * piling data up. The sink begins with the announced {@code Content-Length}; a body that ends
 * before it, or runs past it, fails the fetch, so the core never commits a truncated file.
 */
final class SinkSubscriber implements HttpResponse.BodySubscriber<FetchResult> {
  private final ContentSink sink;
  private final OptionalLong announced;
  private final URI source;
  private final CompletableFuture<FetchResult> body = new CompletableFuture<>();
  private volatile Flow.Subscription subscription;
  private long received;

  SinkSubscriber(ContentSink sink, OptionalLong announced, URI source) {
    this.sink = sink;
    this.announced = announced;
    this.source = source;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    if (body.isDone()) {
      subscription.cancel(); // the fetch ended before its body arrived
    } else {
      thenNextChunk(() -> sink.begin(announced));
    }
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    if (!body.isDone()) {
      thenNextChunk(() -> {
        for (ByteBuffer buffer : buffers) {
          received += buffer.remaining();
          if (announced.isPresent() && received > announced.getAsLong()) {
            throw new UpstreamException(source + " sent more than its Content-Length of " + announced.getAsLong());
          }
          sink.write(buffer);
        }
      });
    }
  }

  @Override
  public void onError(Throwable failure) {
    body.completeExceptionally(new UpstreamException(
        source + " broke off after " + received + " bytes" + ofAnnounced() + ": " + failure, failure));
  }

  @Override
  public void onComplete() {
    if (announced.isPresent() && received != announced.getAsLong()) {
      body.completeExceptionally(new UpstreamException(source + " ended after " + received + " bytes" + ofAnnounced()));
    } else {
      body.complete(new FetchResult.Fetched(received));
    }
  }

  @Override
  public CompletionStage<FetchResult> getBody() {
    return body;
  }

  /** Stops the body (the fetch was cancelled or ran out of time); the exchange's connection closes. */
  void cancel() {
    fail(new CancellationException("the fetch of " + source + " ended"));
  }

  /** Hands something to the sink, then asks for the next chunk; a sink that throws ends the body. */
  private void thenNextChunk(SinkStep step) {
    try {
      step.run();
    } catch (IOException e) {
      fail(e);
      return;
    }
    subscription.request(1);
  }

  private void fail(Throwable failure) {
    body.completeExceptionally(failure);
    Flow.Subscription current = subscription;
    if (current != null) {
      current.cancel();
    }
  }

  private String ofAnnounced() {
    return announced.isPresent() ? " of the " + announced.getAsLong() + " announced" : "";
  }

  /** One call into the sink. */
  private interface SinkStep {
    void run() throws IOException;
  }
}
