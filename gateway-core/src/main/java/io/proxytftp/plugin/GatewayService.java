package io.proxytftp.plugin;

import java.time.Duration;
import java.util.List;

/**
 * Something the gateway runs: a listener, a background task, a worker pool. The container starts
 * services in the order they were bound (the core's own first) and stops them in reverse order, so
 * a service may rely on everything bound before it while it runs.
 */
public interface GatewayService {

  /** A short name for logs, such as {@code tftp}. */
  String name();

  /** Opens sockets and threads. Called once. A failure aborts the gateway's start. */
  void start() throws Exception;

  /**
   * Stops accepting new work, lets work in flight finish for at most {@code grace}, then ends what
   * is left and releases every resource. Called once, also after a failed {@link #start()}.
   */
  void stop(Duration grace) throws Exception;

  /** Where this service listens, once started; empty for services without a listener. */
  default List<ListenerEndpoint> endpoints() {
    return List.of();
  }
}
