package io.proxytftp.http.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpMethod;
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
 * </ul>
 *
 * Tags have few values on purpose: no path, no client, so that a scan of random names cannot
 * grow the registry.
 */
final class HttpMetrics implements RequestLog {
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
