package io.proxytftp.testing;

import com.google.inject.Injector;
import io.proxytftp.config.GatewayConfig;
import io.proxytftp.lifecycle.Gateway;
import io.proxytftp.lifecycle.GatewayFactory;
import io.proxytftp.plugin.ListenerEndpoint;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A real gateway for a test: every plugin on the test class path, real sockets, stopped on close.
 */
public final class RunningGateway implements AutoCloseable {
  private final Injector injector;
  private final Gateway gateway;
  private RunningGateway(Injector injector) {
    this.injector = injector;
    this.gateway = injector.getInstance(Gateway.class);
  }

  public static RunningGateway start(GatewayConfig config) throws Exception {
    RunningGateway running = new RunningGateway(GatewayFactory.injector(config, GatewayFactory.installedPlugins()));
    running.gateway.start();
    return running;
  }

  /** An object of the running gateway's graph, such as its meter registry. */
  public <T> T instance(Class<T> type) {
    return injector.getInstance(type);
  }

  /** The address the named listener ({@code tftp}, {@code http}, {@code sftp}) is bound to. */
  public InetSocketAddress address(String listener) {
    return gateway.endpoints().stream()
        .filter(endpoint -> endpoint.listener().equals(listener))
        .map(ListenerEndpoint::address)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no " + listener + " listener is running"));
  }

  public void stop(Duration grace) {
    gateway.stop(grace);
  }

  @Override
  public void close() {
    gateway.stop(Duration.ZERO);
  }
}
