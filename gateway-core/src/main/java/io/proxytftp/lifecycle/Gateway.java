package io.proxytftp.lifecycle;

import io.proxytftp.plugin.GatewayService;
import io.proxytftp.plugin.ListenerEndpoint;
import io.proxytftp.plugin.StartException;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The container that owns every service's lifecycle: starts them in binding order, stops them in
 * reverse order within one shared grace period, and never leaves a half-started gateway behind.
 */
public final class Gateway {
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

  private final List<GatewayService> services;
  private final List<GatewayService> started = new ArrayList<>();
  private boolean stopped;

  @Inject
  Gateway(Set<GatewayService> services) {
    this.services = List.copyOf(services);
  }

  /**
   * Starts every service. When one fails, those already started are stopped at once and the
   * failure is rethrown; a {@link StartException} is left to the caller to report, its message
   * being all an operator needs.
   */
  public synchronized void start() throws Exception {
    if (!started.isEmpty() || stopped) {
      throw new IllegalStateException("a gateway starts once");
    }
    for (GatewayService service : services) {
      try {
        started.add(service);
        service.start();
      } catch (Exception e) {
        if (!(e instanceof StartException)) {
          LOG.error("{} failed to start: {}", service.name(), e.toString());
        }
        stop(Duration.ZERO);
        throw e;
      }
    }
  }

  /** Every address the started services listen on. */
  public synchronized List<ListenerEndpoint> endpoints() {
    return started.stream().flatMap(service -> service.endpoints().stream()).toList();
  }

  /**
   * Stops the started services in reverse order. Work in flight gets {@code grace} in total; a
   * service that fails to stop is logged and the others still stop.
   */
  public synchronized void stop(Duration grace) {
    if (stopped) {
      return;
    }
    stopped = true;
    Instant deadline = Instant.now().plus(grace);
    for (int i = started.size() - 1; i >= 0; i--) {
      GatewayService service = started.get(i);
      Duration left = Duration.between(Instant.now(), deadline);
      try {
        service.stop(left.isNegative() ? Duration.ZERO : left);
      } catch (Exception e) {
        LOG.warn("{} did not stop cleanly: {}", service.name(), e.toString());
      }
    }
    started.clear();
  }
}
