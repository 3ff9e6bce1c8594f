package io.proxytftp.http.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;

/**
 * The HTTP server's meters, recorded as each request completes (Jetty calls a {@link RequestLog}
 * then, with the final status and byte count, also for requests that failed or were cut off):
 *
 * <ul>
 *   <li>{@code http.requests} (timer; Prometheus {@code http_requests_seconds_*}): requests and
 *       their durations by {@code connector} ({@code phones}, {@code admin}), {@code method}
 *       ({@code GET}, {@code HEAD}, {@code other}) and {@code status} ({@code 2xx} .. {@code 5xx}).
 *   <li>{@code http.bytes.sent} (counter; {@code http_bytes_sent_total}): response body bytes by
 *       {@code connector}.
 *   <li>{@code http.connections.open} (gauge; {@code http_connections_open}): connections open now,
 *       by {@code connector}.
 *   <li>{@code http.connections.refused} (counter; {@code http_connections_refused_total}):
 *       connections the server closed on its own, by {@code connector} and {@code reason}
 *       ({@value #PER_ADDRESS_LIMIT}: one address already held its limit; {@value
 *       #REQUEST_HEAD_TIMEOUT}: no request head within {@code limits.request-head-timeout}).
 * </ul>
 *
 * Tags have few values on purpose: no path, no client, so that a scan of random names cannot
 * grow the registry.
 */
final class HttpMetrics implements RequestLog {
  static final String PER_ADDRESS_LIMIT = "per-address-limit";
  static final String REQUEST_HEAD_TIMEOUT = "request-head-timeout";

  private final MeterRegistry meters;

  HttpMetrics(MeterRegistry meters) {
    this.meters = meters;
  }

  @Override
  public void log(Request request, Response response) {
    String connector = request.getConnectionMetaData().getConnector().getName();
    Timer.builder("http.requests")
        .description("HTTP requests by listener, method and status class")
        .tag("connector", connector)
        .tag("method", methodClass(request.getMethod()))
        .tag("status", statusClass(response.getStatus()))
        .register(meters)
        .record(System.nanoTime() - request.getBeginNanoTime(), TimeUnit.NANOSECONDS);
    Counter.builder("http.bytes.sent")
        .description("HTTP response body bytes sent")
        .tag("connector", connector)
        .register(meters)
        .increment(Response.getContentBytesWritten(response));
  }

  /** Registers the gauge of {@code connector}'s open connections. */
  static void openConnections(MeterRegistry meters, Connector connector) {
    Gauge.builder("http.connections.open", connector, open -> open.getConnectedEndPoints().size())
        .description("HTTP connections open now")
        .tag("connector", connector.getName())
        .strongReference(true)
        .register(meters);
  }

  /** The counter of {@code connector}'s connections closed for {@code reason}. */
  static Counter refused(MeterRegistry meters, String connector, String reason) {
    return Counter.builder("http.connections.refused")
        .description("HTTP connections the server closed on its own")
        .tag("connector", connector)
        .tag("reason", reason)
        .register(meters);
  }

  private static String methodClass(String method) {
    if (HttpMethod.GET.is(method)) {
      return "GET";
    }
    return HttpMethod.HEAD.is(method) ? "HEAD" : "other";
  }

  private static String statusClass(int status) {
    return status >= 100 && status < 600 ? (status / 100) + "xx" : "other";
  }
}
