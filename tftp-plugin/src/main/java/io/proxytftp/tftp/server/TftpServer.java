package io.proxytftp.tftp.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.proxytftp.config.Limits;
import io.proxytftp.config.ListenerSettings;
import io.proxytftp.config.Listeners;
import io.proxytftp.identity.InstanceToken;
import io.proxytftp.lifecycle.NamedThreadFactory;
import io.proxytftp.lifecycle.WorkerPool;
import io.proxytftp.plugin.GatewayService;
import io.proxytftp.plugin.ListenerEndpoint;
import io.proxytftp.plugin.StartException;
import io.proxytftp.resolve.FileResolver;
import io.proxytftp.tftp.codec.TftpError;
import io.proxytftp.tftp.transport.DatagramAcceptors;
import io.proxytftp.tftp.transport.PortBudget;
import io.proxytftp.tftp.transport.TransferPortPool;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.future.CloseFuture;
import org.apache.mina.transport.socket.nio.NioDatagramAcceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read-only TFTP server: two MINA datagram acceptors, one I/O thread each: one for the
 * listener port (and the port refusals leave from), one for every transfer's own port; a timer
 * thread for retransmissions, and the core's workers for anything that may block.
 *
 * <p>Requests have an I/O thread of their own because MINA reads one datagram per ready port per
 * turn of its loop: sharing a loop with a thousand busy transfers, the listener took one request a
 * turn, and phones arriving while loads were streaming waited seconds for an answer (in the memory
 * benchmark, more than half of 1,000 clients gave up without one).
 *
 * <p>Stopping refuses new requests at once (ERROR 0, so a phone moves on to its next TFTP server),
 * lets transfers in flight finish within the grace period, then ends the rest with an ERROR.
 */
public final class TftpServer implements GatewayService {
  private static final Logger LOG = LoggerFactory.getLogger(TftpServer.class);

  /**
   * The largest datagram the server reads. It only ever receives requests, ACKs and ERRORs (it
   * refuses writes), and RFC 2347 keeps requests within 512 bytes; a longer datagram is refused as
   * malformed rather than silently cut.
   */
  static final int READ_BUFFER_SIZE = 4096;
  private static final int SOCKET_BUFFER_SIZE = 4 << 20;

  private final ListenerSettings settings;
  private final Limits limits;
  private final FileResolver resolver;
  private final WorkerPool workers;
  private final InstanceToken token;
  private final TransferRegistry registry;
  private final TftpMetrics metrics;

  private ExecutorService requestIoThread;
  private ExecutorService transferIoThread;
  private ScheduledThreadPoolExecutor timer;
  private NioDatagramAcceptor requestAcceptor;
  private NioDatagramAcceptor transferAcceptor;
  private ListenerEndpoint endpoint;

  @Inject
  TftpServer(Listeners listeners, Limits limits, FileResolver resolver, WorkerPool workers, InstanceToken token,
      MeterRegistry meters) {
    this.settings = listeners.tftp();
    this.limits = limits;
    this.resolver = resolver;
    this.workers = workers;
    this.token = token;
    this.registry = new TransferRegistry(limits.maxTransfers(), limits.maxTransfersPerClient());
    this.metrics = new TftpMetrics(meters, registry::active);
  }

  @Override
  public String name() {
    return "tftp";
  }

  @Override
  public void start() throws IOException, StartException {
    if (!settings.enabled()) {
      return;
    }
    PortBudget.shortfall(limits.maxTransfers()).ifPresent(LOG::warn);
    requestIoThread = Executors.newSingleThreadExecutor(new NamedThreadFactory("tftp-requests-io"));
    transferIoThread = Executors.newSingleThreadExecutor(new NamedThreadFactory("tftp-io"));
    timer = new ScheduledThreadPoolExecutor(1, new NamedThreadFactory("tftp-timer"));
    timer.setRemoveOnCancelPolicy(true);
    TftpIoHandler handler = new TftpIoHandler(registry, metrics);
    requestAcceptor = DatagramAcceptors.create(requestIoThread, READ_BUFFER_SIZE, SOCKET_BUFFER_SIZE);
    requestAcceptor.setHandler(handler);
    transferAcceptor = DatagramAcceptors.create(transferIoThread, READ_BUFFER_SIZE, SOCKET_BUFFER_SIZE);
    transferAcceptor.setHandler(handler);
    try {
      requestAcceptor.bind(settings.socketAddress());
    } catch (IOException e) {
      throw StartException.cannotListen("tftp", settings.socketAddress(), e);
    }
    InetSocketAddress listenerAddress = requestAcceptor.getLocalAddress();
    InetSocketAddress replyAddress = TransferPortPool.bind(requestAcceptor, settings.bindAddress(), 1).get(0);
    // No rest for a port: a phone's transfer knows its phone's address and port before any packet.
    TransferPortPool ports = new TransferPortPool(transferAcceptor, settings.bindAddress(),
        TransferPortPool.forTransfers(limits.maxTransfers()),
        Duration.ZERO, System::nanoTime);
    ports.start();
    handler.listen(listenerAddress.getPort(), new RequestHandler(requestAcceptor, replyAddress, transferAcceptor,
        resolver, workers, registry, ports, timer, limits, metrics, token.hop()));
    // MINA reports ::1 as the IPv4-compatible 0.0.0.1 (and keys its channels by that); the listener
    // itself is on the configured address.
    endpoint = new ListenerEndpoint("tftp", "tftp", new InetSocketAddress(settings.bindAddress(), listenerAddress.getPort()));
    LOG.info("TFTP listening on {}", endpoint.url());
  }

  /** Requests admitted and not yet ended. */
  int activeTransfers() {
    return registry.active();
  }

  @Override
  public List<ListenerEndpoint> endpoints() {
    return endpoint == null ? List.of() : List.of(endpoint);
  }

  @Override
  public void stop(Duration grace) throws InterruptedException {
    if (requestAcceptor == null) {
      return;
    }
    registry.drain();
    if (!registry.awaitIdle(grace)) {
      List<ReadTransfer> left = registry.transfers();
      LOG.info("ending {} transfers still in flight after the grace period", left.size());
      List<CloseFuture> closing = left.stream().map(transfer -> {
        transfer.abort(TftpError.NOT_DEFINED, "server is shutting down");
        return transfer.session().getCloseFuture();
      }).toList();
      for (CloseFuture future : closing) {
        future.await(1, TimeUnit.SECONDS);
      }
    }
    for (NioDatagramAcceptor acceptor : List.of(requestAcceptor, transferAcceptor)) {
      acceptor.unbind();
      acceptor.dispose(true);
    }
    timer.shutdownNow();
    requestIoThread.shutdown();
    transferIoThread.shutdown();
    endpoint = null;
  }
}
