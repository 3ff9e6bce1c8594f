package io.proxytftp.tftp.server;

import io.proxytftp.config.Limits;
import io.proxytftp.resolve.FileRequest;
import io.proxytftp.resolve.FileResolver;
import io.proxytftp.resolve.Hop;
import io.proxytftp.resolve.Resolution;
import io.proxytftp.resolve.ResolvedFile;
import io.proxytftp.tftp.codec.ErrorPacket;
import io.proxytftp.tftp.codec.MalformedPacketException;
import io.proxytftp.tftp.codec.Negotiation;
import io.proxytftp.tftp.codec.OptionNegotiator;
import io.proxytftp.tftp.codec.OptionRefusedException;
import io.proxytftp.tftp.codec.ReadRequest;
import io.proxytftp.tftp.codec.TftpCodec;
import io.proxytftp.tftp.codec.TftpError;
import io.proxytftp.tftp.codec.TftpPacket;
import io.proxytftp.tftp.codec.TransferMode;
import io.proxytftp.tftp.codec.WriteRequest;
import io.proxytftp.tftp.transport.CascadeOption;
import io.proxytftp.tftp.transport.TransferPortPool;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.transport.socket.nio.NioDatagramAcceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers what arrives on the listener port: admits a read request, resolves its name off the I/O
 * thread, negotiates options and starts a {@link ReadTransfer} on a port of its own; everything
 * else gets the ERROR the RFCs prescribe.
 *
 * <p>Nothing is ever sent from the listener port: a transfer answers from its own port, and an
 * ERROR answering a request comes from the server's reply port, because strict clients (Apache
 * Commons Net among them) reject a reply from the port they sent the request to.
 */
final class RequestHandler {
  private static final Logger LOG = LoggerFactory.getLogger(RequestHandler.class);

  /** A request still unanswered after this long gets ERROR 0, so its slot is never held forever. */
  static final Duration RESOLVE_TIMEOUT = Duration.ofSeconds(30);
  /**
   * How long a request past {@code limits.max-transfers} waits for a slot before "server busy":
   * about as long as a phone waits before sending its request again, so a burst of transfers
   * ending is absorbed and a server really full still answers at once by a phone's measure.
   */
  static final Duration SLOT_WAIT = Duration.ofSeconds(1);

  /** Where refusals are sent from: the listener's acceptor, whose reply port is {@link #replyAddress}. */
  private final NioDatagramAcceptor requests;
  /** Where transfers run, each on a port of {@link #ports}. */
  private final NioDatagramAcceptor transfers;
  private final InetSocketAddress replyAddress;
  private final FileResolver resolver;
  private final Executor workers;
  private final TransferRegistry registry;
  private final TransferPortPool ports;
  private final OptionNegotiator negotiator;
  private final ScheduledExecutorService timer;
  private final Limits limits;
  private final TftpMetrics metrics;

  RequestHandler(NioDatagramAcceptor requests, InetSocketAddress replyAddress, NioDatagramAcceptor transfers,
      FileResolver resolver, Executor workers, TransferRegistry registry, TransferPortPool ports,
      ScheduledExecutorService timer, Limits limits, TftpMetrics metrics, Hop self) {
    this.requests = requests;
    this.transfers = transfers;
    this.replyAddress = replyAddress;
    this.resolver = resolver;
    this.workers = workers;
    this.registry = registry;
    this.ports = ports;
    this.timer = timer;
    this.limits = limits;
    this.metrics = metrics;
    this.negotiator = new OptionNegotiator(limits.maxBlockSize(), limits.maxWindowSize(), limits.retransmitTimeout(),
        limits.maxClientTimeout(), CascadeOption.answer(self));
  }

  /** A datagram on the listener port; runs on the I/O thread and never blocks. */
  void received(IoSession session, ByteBuffer datagram) {
    InetSocketAddress client = (InetSocketAddress) session.getRemoteAddress();
    session.closeNow(); // every answer leaves from another port
    TftpPacket packet;
    try {
      packet = TftpCodec.decode(datagram);
    } catch (MalformedPacketException e) {
      refuse(client, e.error(), e.getMessage());
      return;
    }
    if (packet instanceof ReadRequest request) {
      read(client, request);
    } else if (packet instanceof WriteRequest) {
      refuse(client, TftpError.ACCESS_VIOLATION, "the gateway is read-only");
    } else if (!(packet instanceof ErrorPacket)) {
      refuse(client, TftpError.ILLEGAL_OPERATION, "expected a read request, got " + packet.opcode());
    }
  }

  private void read(InetSocketAddress client, ReadRequest request) {
    if (request.mode() == TransferMode.MAIL) {
      refuse(client, TftpError.ILLEGAL_OPERATION, "mail mode is not supported");
      return;
    }
    Admission admission = registry.admit(client);
    switch (admission) {
      case ADMITTED -> resolve(client, request);
      case DUPLICATE -> {
        // a retransmitted request: its first copy is being answered
      }
      case SERVER_BUSY -> awaitSlot(client, request);
      default -> refuse(client, TftpError.NOT_DEFINED, admission.message());
    }
  }

  private void resolve(InetSocketAddress client, ReadRequest request) {
    CompletableFuture<Resolution> resolving =
        resolver.resolve(new FileRequest(request.filename(), client, "tftp", CascadeOption.via(request.options())));
    CompletableFuture<Resolution> bounded = resolving.copy().orTimeout(RESOLVE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    bounded.whenComplete((resolution, failure) -> handOff(client, request, resolution, failure));
    resolving.thenAccept(late -> {
      if (bounded.isCompletedExceptionally()) {
        closeIfFound(late); // found after the client was told it timed out
      }
    });
  }

  /**
   * Lets a request past the transfer limit wait up to {@link #SLOT_WAIT} for a slot (see {@link
   * TransferRegistry}), then refuses it "server busy". Once admitted it is resolved on a worker:
   * the slot may have been freed on the transfers' I/O thread, which must not do a request's work.
   */
  private void awaitSlot(InetSocketAddress client, ReadRequest request) {
    boolean queued = registry.queue(client, admission -> {
      if (admission != Admission.ADMITTED) {
        refuse(client, TftpError.NOT_DEFINED, admission.message());
        return;
      }
      try {
        workers.execute(() -> resolve(client, request));
      } catch (RejectedExecutionException overloaded) {
        registry.release(client); // the client asks again
      }
    });
    if (!queued) {
      refuse(client, TftpError.NOT_DEFINED, Admission.SERVER_BUSY.message());
      return;
    }
    metrics.waitedForSlot.increment();
    timer.schedule(() -> {
      if (registry.unqueue(client)) {
        refuse(client, TftpError.NOT_DEFINED, Admission.SERVER_BUSY.message());
      }
    }, SLOT_WAIT.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * Replies from a worker, never from the I/O thread: a reply opens a session, which waits for any
   * bind of transfer ports in progress, and a bind waits for the I/O thread. (Replying here froze
   * the server for good when the port pool grew during an RRQ flood.) With every worker busy the
   * refusal is dropped; the client asks again.
   */
  private void refuse(InetSocketAddress client, TftpError error, String message) {
    try {
      workers.execute(() -> reply(client, error, message));
    } catch (RejectedExecutionException overloaded) {
      LOG.debug("no worker to refuse {}: {}", client, message);
    }
  }

  /** Continues on a worker: starting a transfer binds a port, which must not happen on the I/O thread. */
  private void handOff(InetSocketAddress client, ReadRequest request, Resolution resolution, Throwable failure) {
    try {
      workers.execute(() -> resolved(client, request, resolution, failure));
    } catch (RejectedExecutionException e) {
      // Possibly on the I/O thread (a resolution already complete), where no reply may be sent.
      closeIfFound(resolution);
      registry.release(client);
    }
  }

  private void resolved(InetSocketAddress client, ReadRequest request, Resolution resolution, Throwable failure) {
    if (failure != null) {
      boolean timedOut = failure instanceof TimeoutException || failure.getCause() instanceof TimeoutException;
      boolean overloaded = failure instanceof RejectedExecutionException
          || failure.getCause() instanceof RejectedExecutionException; // every worker busy, the queue full
      if (!timedOut && !overloaded) {
        LOG.warn("resolving {} for {} failed", request.filename(), client, failure);
      }
      closeIfFound(resolution);
      answer(client, TftpError.NOT_DEFINED, timedOut ? "timed out looking for the file"
          : overloaded ? Admission.SERVER_BUSY.message() : "internal error");
    } else if (resolution instanceof Resolution.Found found) {
      startTransfer(client, request, found.file());
    } else if (resolution instanceof Resolution.NotFound) {
      answer(client, TftpError.FILE_NOT_FOUND, "file not found");
    } else if (resolution instanceof Resolution.Refused refused) {
      answer(client, TftpError.ACCESS_VIOLATION, refused.reason());
    } else if (resolution instanceof Resolution.Unavailable unavailable) {
      answer(client, TftpError.NOT_DEFINED, unavailable.reason());
    }
  }

  private void startTransfer(InetSocketAddress client, ReadRequest request, ResolvedFile file) {
    if (registry.draining()) {
      file.close();
      answer(client, TftpError.NOT_DEFINED, Admission.SHUTTING_DOWN.message());
      return;
    }
    Negotiation negotiation;
    try {
      OptionalLong size = request.mode() == TransferMode.OCTET ? OptionalLong.of(file.size()) : OptionalLong.empty();
      negotiation = negotiator.negotiate(request.options(), size);
    } catch (OptionRefusedException e) {
      file.close();
      answer(client, TftpError.OPTION_REFUSED, e.getMessage());
      return;
    }
    InetSocketAddress port;
    try {
      port = ports.lease();
    } catch (IOException | RuntimeException e) {
      LOG.warn("no port for a transfer to {}: {}", client, e.toString());
      file.close();
      answer(client, TftpError.NOT_DEFINED, Admission.SERVER_BUSY.message());
      return;
    }
    int blockSize = negotiation.options().blockSize();
    BlockSource blocks = request.mode() == TransferMode.OCTET
        ? new OctetBlockSource(file, blockSize)
        : new NetasciiBlockSource(file, blockSize);
    IoSession session = transfers.newSession(client, port);
    ReadTransfer transfer = new ReadTransfer(session, file, blocks, negotiation.options(),
        negotiation.acknowledged(), timer, limits.maxRetransmissions(), metrics, this::ended);
    registry.register(port.getPort(), transfer);
    metrics.started.increment();
    transfer.start();
  }

  private void ended(ReadTransfer transfer, ReadTransfer.Outcome outcome) {
    IoSession session = transfer.session();
    InetSocketAddress port = (InetSocketAddress) session.getLocalAddress();
    registry.unregister(port.getPort(), transfer);
    session.closeOnFlush().addListener(closed -> ports.release(port));
    registry.release((InetSocketAddress) session.getRemoteAddress());
    (outcome == ReadTransfer.Outcome.COMPLETED ? metrics.completed : metrics.failed).increment();
  }

  /** Answers an admitted request with an ERROR and frees its slot. */
  private void answer(InetSocketAddress client, TftpError error, String message) {
    reply(client, error, message);
    registry.release(client);
  }

  private void reply(InetSocketAddress client, TftpError error, String message) {
    IoSession session;
    try {
      session = requests.newSession(client, replyAddress);
    } catch (IllegalStateException stopped) {
      return; // the server has stopped: nothing can be sent any more
    }
    session.write(IoBuffer.wrap(TftpCodec.error(error, message)));
    metrics.errorSent(error);
    session.closeOnFlush();
  }

  private static void closeIfFound(Resolution resolution) {
    if (resolution instanceof Resolution.Found found) {
      found.file().close();
    }
  }
}
