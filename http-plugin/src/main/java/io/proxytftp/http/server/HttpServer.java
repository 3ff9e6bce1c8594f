package io.proxytftp.http.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.proxytftp.config.Limits;
import io.proxytftp.config.ListenerSettings;
import io.proxytftp.config.Listeners;
import io.proxytftp.config.UpstreamSettings;
import io.proxytftp.http.ops.Operations;
import io.proxytftp.http.phone.PhoneFileHandler;
import io.proxytftp.identity.InstanceToken;
import io.proxytftp.plugin.GatewayService;
import io.proxytftp.plugin.ListenerEndpoint;
import io.proxytftp.plugin.StartException;
import io.proxytftp.resolve.FileResolver;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.CustomRequestLog;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's HTTP server: one Jetty server with two listeners kept apart, the phones' file
 * service ({@code listeners.http}, port 6970 by default, what newer phones try before TFTP) and
 * the admin listener ({@code listeners.admin}: {@code /metrics}, {@code /health}, {@code /ready}
 * and the {@link AdminApi} handlers). A disabled listener opens nothing; with both disabled no
 * thread starts.
 *
 * <p>Requests never hold a thread while they wait for a file: handlers complete their callback when
 * the resolution completes, and bytes are read on the bounded pool {@value #THREAD_POOL_NAME}, never
 * on Jetty's selector threads. Stopping turns {@code /ready} to 503, refuses new connections on the
 * phones' listener, lets phones' requests in flight finish within the grace period (new ones on open
 * connections get 503), then closes what is left. Admin requests are not waited for; they are short,
 * and the admin listener keeps accepting connections during the drain, so {@code /ready} says so.
 *
 * <p>What Jetty answers on its own (a target it will not parse, 412, 416, an unknown path) is
 * written by {@link ErrorAnswers}: plain text on the phones' listener, JSON on the admin one.
 *
 * <p>Floods stay bounded on the phones' listener: it holds at most {@code limits.max-transfers}
 * connections (more wait in the accept queue), at most {@code limits.max-transfers-per-client} from
 * one address (more are closed as they open), and closes a connection whose next request head has
 * not arrived within {@code limits.request-head-timeout}. The admin listener has none of these: it
 * belongs on loopback or a management network, and must keep answering while phones flood.
 */
public final class HttpServer implements GatewayService {
  private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

  /** Connector names, as the metrics and routes know them; the admin connector's is its listener's. */
  static final String PHONES = "phones";
  static final String ADMIN = "admin";
  /** The phones' listener's name in the configuration and in {@link #endpoints()}. */
  static final String PHONES_LISTENER = "http";
  static final String THREAD_POOL_NAME = "http";
  /** Threads are bounded; Jetty wants its job queue unbounded (a bounded one can refuse Jetty's own tasks). */
  private static final int MAX_THREADS = 64;
  private static final int MIN_THREADS = 4;
  /**
   * Jetty shortens every connection's idle timeout to a second when a connector shuts down, and
   * counts a download whose client reads slowly as idle; a negative value leaves the timeouts as
   * they are, so such a download keeps the whole grace period.
   */
  private static final long KEEP_IDLE_TIMEOUT = -1;
  /** How much longer than the upstream search a phone's request waits before 503. */
  static final Duration PATIENCE_BEYOND_SEARCH = Duration.ofSeconds(1);

  /**
   * Names reach the core as phones sent them, percent-decoded; the core's name policy (the same as
   * for TFTP) refuses what could leave the store, with its reason. Jetty's own refusal of encoded
   * separators and dot segments would answer 400 without one.
   */
  private static final UriCompliance PHONE_NAMES = UriCompliance.DEFAULT.with("PHONE_NAMES",
      UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR, UriCompliance.Violation.AMBIGUOUS_PATH_SEGMENT,
      UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT, UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING);

  /**
   * The admin API addresses a cached file by its name, which may have folders; a script quoting
   * the name whole sends its {@code /} as {@code %2F} within one path segment. The API splits the
   * path as sent and decodes each segment, so the encoded separator is unambiguous there.
   */
  private static final UriCompliance ADMIN_PATHS = UriCompliance.DEFAULT.with("ADMIN_PATHS",
      UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR);

  private final ListenerSettings phones;
  private final ListenerSettings admin;
  private final Duration patience;
  private final Limits limits;
  private final FileResolver resolver;
  private final InstanceToken token;
  private final PrometheusMeterRegistry prometheus;
  private final MeterRegistry meters;
  private final List<Handler> adminApi;

  private Server server;
  /** The phones' connector and the handler that counts their requests in flight; null when disabled. */
  private ServerConnector phonesConnector;
  private GracefulHandler phonesInFlight;
  private volatile boolean serving;
  private volatile List<ListenerEndpoint> endpoints = List.of();

  @Inject
  HttpServer(Listeners listeners, UpstreamSettings upstream, Limits limits, FileResolver resolver, InstanceToken token,
      PrometheusMeterRegistry prometheus, MeterRegistry meters, @AdminApi Set<Handler> adminApi) {
    this.phones = listeners.http();
    this.admin = listeners.admin();
    this.patience = upstream.searchTimeout().plus(PATIENCE_BEYOND_SEARCH);
    this.limits = limits;
    this.resolver = resolver;
    this.token = token;
    this.prometheus = prometheus;
    this.meters = meters;
    this.adminApi = List.copyOf(adminApi); // in binding order
  }

  @Override
  public String name() {
    return "http";
  }

  @Override
  public void start() throws Exception {
    if (!phones.enabled() && !admin.enabled()) {
      return;
    }
    QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, MIN_THREADS);
    threads.setName(THREAD_POOL_NAME);
    server = new Server(threads);
    Map<String, Handler> routes = new HashMap<>();
    List<Opened> opened = new ArrayList<>();
    if (phones.enabled()) {
      HttpConfiguration configuration = configuration();
      configuration.setUriCompliance(PHONE_NAMES);
      phonesConnector = connector(PHONES, phones, configuration);
      phonesConnector.setShutdownIdleTimeout(KEEP_IDLE_TIMEOUT);
      phonesInFlight = new GracefulHandler(new PhoneFileHandler(resolver, patience, token.hop()));
      opened.add(new Opened(PHONES_LISTENER, phones, phonesConnector));
      routes.put(PHONES, limitConnections(phonesConnector, phonesInFlight));
    }
    if (admin.enabled()) {
      HttpConfiguration configuration = configuration();
      configuration.setUriCompliance(ADMIN_PATHS);
      opened.add(new Opened(ADMIN, admin, connector(ADMIN, admin, configuration)));
      routes.put(ADMIN, adminHandlers());
    }
    server.setHandler(new ConnectorRoutes(routes));
    server.setErrorHandler(new ErrorAnswers());
    CustomRequestLog accessLog = AccessLog.create();
    server.addBean(accessLog); // started with the server; a collection of logs is not a life cycle
    server.setRequestLog(new RequestLog.Collection(accessLog, new HttpMetrics(meters)));
    open(opened);
    server.start();
    serving = true;
    endpoints = opened.stream().map(Opened::endpoint).toList();
    endpoints.forEach(endpoint -> LOG.info("HTTP ({}) listening on {}", endpoint.listener(), endpoint.url()));
  }

  /**
   * Binds each listener's socket before the server starts (which then uses it), so that a port
   * in use is reported naming its listener; sockets bound before the failure are closed.
   */
  private static void open(List<Opened> opened) throws StartException {
    for (int i = 0; i < opened.size(); i++) {
      Opened listener = opened.get(i);
      try {
        listener.connector().open();
      } catch (IOException e) {
        opened.subList(0, i).forEach(bound -> bound.connector().close());
        throw StartException.cannotListen(listener.listener(),
            new InetSocketAddress(listener.settings().bindAddress(), listener.settings().port()), e);
      }
    }
  }

  /** A listener's connector, named as the configuration names the listener. */
  private record Opened(String listener, ListenerSettings settings, ServerConnector connector) {
    ListenerEndpoint endpoint() {
      InetSocketAddress address = new InetSocketAddress(settings.bindAddress(), connector.getLocalPort());
      return new ListenerEndpoint(listener, "http", address);
    }
  }

  private static HttpConfiguration configuration() {
    HttpConfiguration configuration = new HttpConfiguration();
    configuration.setSendServerVersion(false);
    configuration.setSendXPoweredBy(false);
    return configuration;
  }

  private ServerConnector connector(String name, ListenerSettings settings, HttpConfiguration configuration) {
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(configuration));
    connector.setName(name);
    connector.setHost(settings.bindAddress().getHostAddress());
    connector.setPort(settings.port());
    server.addConnector(connector);
    HttpMetrics.openConnections(meters, connector);
    return connector;
  }

  /**
   * Bounds the phones' connections as {@code limits} says: {@code max-transfers} open at once
   * (more wait to be accepted), {@code max-transfers-per-client} for one address (more are closed
   * at once), {@code request-head-timeout} to send each request head; returns {@code handler}
   * telling the head deadline when requests arrive.
   */
  private Handler limitConnections(ServerConnector connector, Handler handler) {
    server.addBean(new NetworkConnectionLimit(limits.maxTransfers(), connector));
    connector.addBean(new ConnectionsPerAddress(limits.maxTransfersPerClient(),
        HttpMetrics.refused(meters, PHONES, HttpMetrics.PER_ADDRESS_LIMIT)));
    RequestHeadDeadline deadline = new RequestHeadDeadline(limits.requestHeadTimeout(), server.getScheduler(),
        HttpMetrics.refused(meters, PHONES, HttpMetrics.REQUEST_HEAD_TIMEOUT));
    connector.addBean(deadline);
    return deadline.guard(handler);
  }

  /** Operations first, then the admin API's handlers; a path none of them takes is a 404. */
  private Handler adminHandlers() {
    List<Handler> handlers = new ArrayList<>(Operations.endpoints(prometheus, () -> serving));
    handlers.addAll(adminApi);
    return new Handler.Sequence(handlers);
  }

  @Override
  public List<ListenerEndpoint> endpoints() {
    return endpoints;
  }

  /**
   * Drains the phones' listener by hand rather than through Jetty's graceful stop, which would
   * close the admin listener too and leave nobody to answer {@code /ready} with 503 during the
   * grace period.
   */
  @Override
  public void stop(Duration grace) throws Exception {
    if (server == null) {
      return;
    }
    serving = false;
    try {
      if (phonesConnector != null) {
        drainPhones(grace);
      }
      server.setStopTimeout(0); // drained already: close what is left at once
      server.stop();
    } finally {
      endpoints = List.of();
    }
  }

  /**
   * Closes the phones' listening socket, so new connections are refused, and waits up to
   * {@code grace} for their requests in flight; new requests on open connections get 503.
   */
  private void drainPhones(Duration grace) throws InterruptedException {
    phonesConnector.shutdown();
    try {
      phonesInFlight.shutdown().get(Math.max(0, grace.toMillis()), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      LOG.warn("HTTP (http): {} requests still in flight at the end of the {} grace period are cut off",
          phonesInFlight.getCurrentRequestCount(), grace);
    } catch (ExecutionException e) {
      LOG.warn("HTTP (http): draining failed: {}", e.getCause().toString());
    }
  }
}
