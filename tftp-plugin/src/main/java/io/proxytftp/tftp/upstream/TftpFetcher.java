package io.proxytftp.tftp.upstream;

import io.proxytftp.lifecycle.NamedThreadFactory;
import io.proxytftp.lifecycle.WorkerPool;
import io.proxytftp.plugin.GatewayService;
import io.proxytftp.tftp.codec.TftpCodec;
import io.proxytftp.tftp.codec.TransferOptions;
import io.proxytftp.tftp.transport.DatagramAcceptors;
import io.proxytftp.tftp.transport.TransferPortPool;
import io.proxytftp.upstream.ContentSink;
import io.proxytftp.upstream.FetchResult;
import io.proxytftp.upstream.UpstreamException;
import io.proxytftp.upstream.UpstreamFetcher;
import io.proxytftp.upstream.UpstreamRequest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.apache.mina.transport.socket.nio.NioDatagramAcceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's TFTP client: fetches a file it does not hold from a remote cluster's TFTP service
 * (Cisco CUCM, tftpd-hpa, another proxytftp), asking for blksize, windowsize, tsize and timeout, and
 * falling back to plain RFC 1350 for servers that ignore or refuse options. Sends the request's
 * {@code via} list as the {@code proxytftp-via} option so that gateways listing each other never
 * fetch in a loop, and tells the sink the hop a proxytftp upstream answers that option with.
 *
 * <p>Runs on a MINA datagram acceptor of its own: one I/O thread ({@code tftp-upstream-io}) for all
 * fetches, and one timer thread. Each fetch leases a local port from a pool bound in batches (a
 * connected socket would drop the replies, which come from the upstream's new port, its TID);
 * leasing may bind, so it happens on the core's workers, never on the I/O thread.
 *
 * <p>{@link ContentSink#write} and {@link ContentSink#begin} are called on the I/O thread, so a
 * sink must be quick (the core's writes to a file channel are); the returned future is completed
 * without any lock held. Stopping fails the fetches still in flight after the grace period with an
 * {@link UpstreamException}.
 */
public final class TftpFetcher implements UpstreamFetcher, GatewayService {
  private static final Logger LOG = LoggerFactory.getLogger(TftpFetcher.class);

  /**
   * The read buffer's floor, less the header: room for a plain RFC 1350 block, and for the OACKs and
   * ERRORs of conformant servers, even when the block size asked for is smaller.
   */
  private static final int MIN_READ_BUFFER_SIZE = TransferOptions.DEFAULT_BLOCK_SIZE;
  private static final int SOCKET_BUFFER_SIZE = 1 << 20;
  /**
   * How long a fetch's port rests before another fetch may lease it: longer than a loaded cluster
   * takes to answer an RRQ (a boot storm through tftpd-hpa, which forks per request, showed answers
   * seconds late, to RRQs sent again after one second), so that late answer is refused instead of
   * taken for the next fetch's.
   */
  static final Duration PORT_REST = Duration.ofSeconds(10);

  private final TftpFetcherSettings settings;
  private final WorkerPool workers;
  private final FetchRegistry registry;

  private ExecutorService ioThread;
  private ScheduledThreadPoolExecutor timer;
  private NioDatagramAcceptor acceptor;
  private volatile FetchContext context;

  @Inject
  public TftpFetcher(TftpFetcherSettings settings, WorkerPool workers) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.workers = Objects.requireNonNull(workers, "workers");
    this.registry = new FetchRegistry(settings.maxConcurrentFetches());
  }

  @Override
  public String scheme() {
    return "tftp";
  }

  @Override
  public String name() {
    return "tftp-upstream";
  }

  @Override
  public void start() throws IOException {
    ioThread = Executors.newSingleThreadExecutor(new NamedThreadFactory("tftp-upstream-io"));
    timer = new ScheduledThreadPoolExecutor(1, new NamedThreadFactory("tftp-upstream-timer"));
    timer.setRemoveOnCancelPolicy(true);
    acceptor = DatagramAcceptors.create(ioThread, readBufferSize(settings.blockSize()), SOCKET_BUFFER_SIZE);
    acceptor.setHandler(new UpstreamIoHandler(registry));
    // Room for as many ports dallying after their fetch as fetches running.
    TransferPortPool ports = new TransferPortPool(acceptor, new InetSocketAddress(0).getAddress(),
        2 * settings.maxConcurrentFetches(), PORT_REST, System::nanoTime);
    ports.start();
    context = new FetchContext(settings, acceptor, ports, registry, timer, workers);
    registry.open();
  }

  /**
   * A datagram longer than MINA's read buffer is cut silently, so the buffer holds the largest DATA
   * that can be negotiated, plus one byte: an oversized DATA then shows as oversized instead of
   * being cut to a plausible block.
   */
  static int readBufferSize(int blockSize) {
    return Math.max(blockSize, MIN_READ_BUFFER_SIZE) + TftpCodec.DATA_HEADER_LENGTH + 1;
  }

  /** Fetches {@code request.name()} into {@code sink}. */
  @Override
  public CompletableFuture<FetchResult> fetch(UpstreamRequest request, ContentSink sink) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(sink, "sink");
    FetchContext started = context;
    if (started == null) {
      return CompletableFuture.failedFuture(new UpstreamException("the TFTP fetcher is not running"));
    }
    Fetch fetch = new Fetch(started, request, sink);
    try {
      registry.admit(fetch);
    } catch (UpstreamException e) {
      return CompletableFuture.failedFuture(e);
    }
    return fetch.start();
  }

  @Override
  public void stop(Duration grace) throws InterruptedException {
    if (acceptor == null) {
      return;
    }
    registry.drain();
    if (!registry.awaitIdle(grace)) {
      var left = registry.active();
      LOG.info("ending {} upstream fetches still in flight after the grace period", left.size());
      left.forEach(fetch -> fetch.abort("the TFTP fetcher is stopping"));
    }
    context = null;
    acceptor.unbind();
    acceptor.dispose(true);
    timer.shutdownNow();
    ioThread.shutdown();
    acceptor = null;
  }
}
