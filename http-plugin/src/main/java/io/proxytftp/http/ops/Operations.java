package io.proxytftp.http.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.proxytftp.http.Replies;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;

/**
 * The admin listener's operations endpoints, open to whoever reaches that listener (keep it off the
 * phone network): what monitoring scrapes and what an orchestrator probes.
 *
 * <ul>
 *   <li>{@code GET /metrics}: every meter of the gateway in Prometheus text format 0.0.4.
 *   <li>{@code GET /health}: {@code 200 {"status":"UP"}} while the process runs (liveness).
 *   <li>{@code GET /ready}: 200 while the HTTP server serves, 503 once it is stopping, so a load
 *       balancer stops sending phones here before their connections are cut.
 * </ul>
 */
public final class Operations {
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private Operations() {}

  /**
   * @param serving whether the HTTP server has started and is not stopping
   */
  public static List<Handler> endpoints(PrometheusMeterRegistry metrics, BooleanSupplier serving) {
    return List.of(
        new ReadOnlyEndpoint("/metrics", () -> new Reply(HttpStatus.OK_200, PROMETHEUS_TEXT, metrics.scrape())),
        new ReadOnlyEndpoint("/health", () -> new Reply(HttpStatus.OK_200, Replies.JSON, "{\"status\":\"UP\"}")),
        new ReadOnlyEndpoint("/ready", () -> serving.getAsBoolean()
            ? new Reply(HttpStatus.OK_200, Replies.JSON, "{\"status\":\"READY\"}")
            : new Reply(HttpStatus.SERVICE_UNAVAILABLE_503, Replies.JSON, "{\"status\":\"STOPPING\"}")));
  }
}
