package io.proxytftp.http.upstream;

import io.proxytftp.lifecycle.NamedThreadFactory;
import io.proxytftp.plugin.GatewayService;
import io.proxytftp.upstream.ContentSink;
import io.proxytftp.upstream.FetchResult;
import io.proxytftp.upstream.UpstreamException;
import io.proxytftp.upstream.UpstreamFetcher;
import io.proxytftp.upstream.UpstreamRequest;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's HTTP client for remote clusters that serve their TFTP files over HTTP too (CUCM on
 * port 6970: {@code GET /<name>}): firmware of tens of megabytes comes over TCP much faster than
 * in TFTP's lock-step. The core asks a cluster with an {@code http-port} this way first and falls
 * back to TFTP when HTTP fails; a 404 is "not found".
 *
 * <p>Built on the JDK's {@link HttpClient} (HTTP/1.1, no proxy, no redirects). The body streams
 * into the sink as it arrives and is checked against its {@code Content-Length}. The request's
 * {@code timeout} bounds the wait for the response's headers (connecting included), its {@code
 * deadline} the whole fetch; cancelling the returned future aborts the exchange. The request's
 * {@code via} list goes upstream as the {@value #VIA_HEADER} header, so that gateways listing
 * each other never fetch in a loop; a proxytftp upstream's {@value #HOP_HEADER} answer goes to
 * the sink ({@link ContentSink#answeredBy}).
 *
 * <p>{@link ContentSink#begin} and {@link ContentSink#write} are called on the fetcher's own
 * threads ({@code http-upstream-N}). Stopping lets fetches in flight finish within the grace
 * period and then aborts the rest with an {@link UpstreamException}.
 */
public final class HttpFetcher implements UpstreamFetcher, GatewayService {
  /**
   * The loop guard: the gateways a request has passed through, comma-separated, this one last
   * ({@code Proxytftp-Via: gw-a#k3vq7zma,gw-b#2xw4tq9p}, see {@link io.proxytftp.resolve.Via}); the
   * HTTP form of TFTP's {@code proxytftp-via} option. A proxytftp gateway that finds itself there
   * (its id and instance token) answers 404 at once.
   */
  public static final String VIA_HEADER = "Proxytftp-Via";

  /**
   * What a proxytftp gateway answers a request carrying {@value #VIA_HEADER} with: its own hop
   * ({@code Proxytftp-Hop: proxytftp-1#k3vq7zma}), on every status, the HTTP form of the TFTP
   * server's answer to {@code proxytftp-via} in its OACK. The fetcher hands it to the core, which
   * warns when a remote cluster turns out to carry this gateway's own {@code gateway.id}.
   */
  public static final String HOP_HEADER = "Proxytftp-Hop";

  private static final Logger LOG = LoggerFactory.getLogger(HttpFetcher.class);

  private final Set<HttpFetch> active = ConcurrentHashMap.newKeySet();
  private ExecutorService threads;
  private ScheduledThreadPoolExecutor timer;
  private volatile HttpClient client;

  @Override
  public String scheme() {
    return "http";
  }

  @Override
  public String name() {
    return "http-upstream";
  }

  @Override
  public void start() {
    threads = Executors.newCachedThreadPool(new NamedThreadFactory("http-upstream"));
    timer = new ScheduledThreadPoolExecutor(1, new NamedThreadFactory("http-upstream-timer"));
    timer.setRemoveOnCancelPolicy(true);
    client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .proxy(HttpClient.Builder.NO_PROXY)
        .executor(threads)
        .build();
  }

  /**
   * Fetches {@code request.name()} from the HTTP service at {@code request.address()} into
   * {@code sink}.
   */
  @Override
  public CompletableFuture<FetchResult> fetch(UpstreamRequest request, ContentSink sink) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(sink, "sink");
    HttpFetch fetch = new HttpFetch(request, sink);
    active.add(fetch); // before the client is read, so that a stop either waits for it or refuses it
    HttpClient running = client;
    if (running == null) {
      active.remove(fetch);
      return CompletableFuture.failedFuture(new UpstreamException("the HTTP fetcher is not running"));
    }
    fetch.result().whenComplete((fetched, failure) -> active.remove(fetch));
    try {
      fetch.start(running, timer);
    } catch (RejectedExecutionException stopping) {
      fetch.abort(new UpstreamException("the HTTP fetcher is stopping", stopping));
    }
    return fetch.result();
  }

  @Override
  public void stop(Duration grace) throws InterruptedException {
    if (client == null) {
      return;
    }
    client = null;
    List<CompletableFuture<FetchResult>> inFlight = active.stream().map(HttpFetch::result).toList();
    try {
      CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
          .get(Math.max(1, grace.toMillis()), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException ended) {
      // Some are still running, or some failed: either way, what is left is aborted now.
    }
    if (!active.isEmpty()) {
      LOG.info("ending {} upstream HTTP fetches still in flight after the grace period", active.size());
      active.forEach(fetch -> fetch.abort(new UpstreamException("the HTTP fetcher is stopping")));
    }
    timer.shutdownNow();
    threads.shutdown();
  }
}
