package io.proxytftp.tftp.upstream;

import io.proxytftp.tftp.codec.AckPacket;
import io.proxytftp.tftp.codec.DataPacket;
import io.proxytftp.tftp.codec.ErrorPacket;
import io.proxytftp.tftp.codec.MalformedPacketException;
import io.proxytftp.tftp.codec.OptionAckPacket;
import io.proxytftp.tftp.codec.TftpCodec;
import io.proxytftp.tftp.codec.TftpError;
import io.proxytftp.tftp.codec.TftpPacket;
import io.proxytftp.tftp.codec.TransferOptions;
import io.proxytftp.tftp.transport.ForeignPackets;
import io.proxytftp.upstream.ContentSink;
import io.proxytftp.upstream.FetchResult;
import io.proxytftp.upstream.UpstreamException;
import io.proxytftp.upstream.UpstreamRequest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.future.CloseFuture;
import org.apache.mina.core.session.IoSession;

/**
 * One fetch: sends the RRQ from a leased port, takes the first reply's source port as the
 * upstream's TID, negotiates, receives DATA in windows (RFC 7440) into the sink, and ends with an
 * outcome; after the last ACK it dallies on the port for one timeout to acknowledge a resent last
 * block.
 *
 * <p>Called from a worker (sending the RRQ: leasing a port may bind), the I/O thread (packets; the
 * sink is written there), the timer thread (timeouts, deadline, end of dally) and whichever thread
 * cancels the future; every entry point is synchronized on the fetch. The future is completed
 * outside the lock, so the caller's continuations never run while the fetch is locked.
 */
final class Fetch {
  private final FetchContext context;
  private final UpstreamRequest request;
  private final ContentSink sink;
  private final RequestedOptions requested;
  private final CompletableFuture<FetchResult> future = new CompletableFuture<>();

  private boolean withOptions = true;
  private InetSocketAddress port;
  private IoSession requestSession;
  private IoSession peer;
  private ByteBuffer lastSent;
  private IoSession lastSentTo;
  private TransferOptions options;
  private OptionalLong announced = OptionalLong.empty();
  private ReceiveWindow window;
  private long bytes;
  private boolean lossReported;
  private int retransmissions;
  private ScheduledFuture<?> timeout;
  private ScheduledFuture<?> deadline;
  private boolean ended;
  private boolean dallying;
  private FetchResult result;
  private UpstreamException failure;

  Fetch(FetchContext context, UpstreamRequest request, ContentSink sink) {
    this.context = context;
    this.request = request;
    this.sink = sink;
    this.requested = new RequestedOptions(context.settings(), request);
  }

  /** Starts the fetch once admitted; the future is the caller's, cancelling it aborts the fetch. */
  CompletableFuture<FetchResult> start() {
    synchronized (this) {
      deadline = context.timer().schedule(this::deadlinePassed, request.deadline().toNanos(), TimeUnit.NANOSECONDS);
      sendRequestOffIoThread(() -> {});
    }
    future.whenComplete((ignored, failed) -> {
      if (future.isCancelled()) {
        cancelled();
      }
    });
    publish();
    return future;
  }

  /** A datagram on the fetch's port, from anyone. */
  void received(IoSession from, ByteBuffer datagram) {
    synchronized (this) {
      receivedLocked(from, datagram);
    }
    publish();
  }

  /** Ends the fetch with an ERROR to the upstream and an {@link UpstreamException} (shutdown). */
  void abort(String reason) {
    synchronized (this) {
      fail(new UpstreamException(reason), TftpError.NOT_DEFINED);
    }
    publish();
  }

  private void sendRequestOffIoThread(Runnable afterLease) {
    try {
      context.workers().execute(() -> sendRequest(afterLease));
    } catch (RejectedExecutionException e) {
      afterLease.run();
      fail(new UpstreamException("no worker free to start the fetch", e), null);
    }
  }

  /**
   * Leases a port and opens the session to the upstream, then sends the RRQ; runs on a worker.
   * Leasing may bind a new port and opening a session takes the acceptor's bind lock, both of which
   * wait for the I/O thread; so neither happens under this fetch's lock, which the I/O thread takes
   * whenever it hands the fetch a packet or cancels it (a winning address cancels its rivals there).
   */
  private void sendRequest(Runnable afterLease) {
    try {
      sendRequestUnlocked();
    } finally {
      afterLease.run();
    }
    publish();
  }

  private void sendRequestUnlocked() {
    synchronized (this) {
      if (ended) {
        return;
      }
    }
    InetSocketAddress leased;
    try {
      leased = context.ports().lease();
    } catch (IOException | RuntimeException e) {
      failBeforeSending(new UpstreamException("no local port for the fetch: " + e.getMessage(), e));
      return;
    }
    IoSession session;
    try {
      session = context.acceptor().newSession(request.address(), leased);
    } catch (RuntimeException e) {
      context.ports().release(leased);
      failBeforeSending(new UpstreamException("cannot send to " + request.address() + ": " + e.getMessage(), e));
      return;
    }
    synchronized (this) {
      if (ended) {
        giveBack(leased, session, null); // ended while the port was being set up
        return;
      }
      port = leased;
      requestSession = session;
      context.registry().register(port.getPort(), this);
      send(requestSession, TftpCodec.encode(withOptions ? requested.withOptions() : requested.plain()));
      armTimeout();
    }
  }

  private synchronized void failBeforeSending(UpstreamException exception) {
    fail(exception, null);
  }

  private void receivedLocked(IoSession from, ByteBuffer datagram) {
    if (!fromUpstream(from)) {
      ForeignPackets.refuse(from, datagram);
      return;
    }
    if (ended && !dallying) {
      return;
    }
    TftpPacket packet;
    try {
      packet = TftpCodec.decode(datagram);
    } catch (MalformedPacketException e) {
      if (!ended) {
        fail(new UpstreamException("malformed packet from upstream: " + e.getMessage()), TftpError.ILLEGAL_OPERATION);
      }
      return;
    }
    if (dallying) {
      if (packet instanceof DataPacket data && data.block() == window.wireReceived()) {
        resendLast(); // our last ACK was lost
      }
      return;
    }
    if (peer == null) {
      peer = from;
      if (from != requestSession) {
        requestSession.closeOnFlush();
      }
      firstReply(packet);
    } else if (packet instanceof DataPacket data) {
      data(data);
    } else if (packet instanceof ErrorPacket error) {
      upstreamError(error);
    } else if (packet instanceof OptionAckPacket && window.received() == 0) {
      reportLoss(); // the OACK again: our ACK 0 was lost
    } else {
      fail(new UpstreamException("unexpected " + packet.opcode() + " from upstream"), TftpError.ILLEGAL_OPERATION);
    }
  }

  /**
   * Whether a datagram comes from the upstream: once it has replied, from its TID only (MINA keeps
   * one session per remote address and port); before, from any port of the address asked.
   */
  private boolean fromUpstream(IoSession from) {
    if (peer != null) {
      return from == peer;
    }
    return ((InetSocketAddress) from.getRemoteAddress()).getAddress().equals(request.address().getAddress());
  }

  private void firstReply(TftpPacket packet) {
    if (packet instanceof OptionAckPacket oack && withOptions) {
      RequestedOptions.Negotiated negotiated;
      try {
        negotiated = requested.accept(oack.options());
      } catch (UpstreamException e) {
        fail(e, TftpError.OPTION_REFUSED);
        return;
      }
      negotiated.hop().ifPresent(sink::answeredBy);
      begin(negotiated.options(), negotiated.size());
      if (!ended) {
        progress();
        sendAck();
      }
    } else if (packet instanceof DataPacket data) {
      begin(requested.ignored(), OptionalLong.empty()); // plain RFC 1350: the server ignored the options
      if (!ended) {
        data(data);
      }
    } else if (packet instanceof ErrorPacket error && error.error() == TftpError.OPTION_REFUSED && withOptions) {
      retryWithoutOptions();
    } else if (packet instanceof ErrorPacket error && error.error() == TftpError.FILE_NOT_FOUND) {
      result = new FetchResult.NotFound(error.message());
      end();
      release();
    } else if (packet instanceof ErrorPacket error) {
      upstreamError(error);
    } else {
      fail(new UpstreamException("expected DATA or OACK from upstream, got " + packet.opcode()), TftpError.ILLEGAL_OPERATION);
    }
  }

  /** Asks again without options from a fresh port: the old one is given back only once the new one is leased. */
  private void retryWithoutOptions() {
    withOptions = false;
    InetSocketAddress stalePort = port;
    IoSession staleRequest = requestSession;
    IoSession stalePeer = peer;
    port = null;
    requestSession = null;
    peer = null;
    context.registry().unregister(stalePort.getPort(), this);
    retransmissions = 0;
    cancelTimeout();
    sendRequestOffIoThread(() -> giveBack(stalePort, staleRequest, stalePeer));
  }

  private void begin(TransferOptions negotiated, OptionalLong size) {
    options = negotiated;
    announced = size;
    window = new ReceiveWindow(negotiated.windowSize());
    try {
      sink.begin(size);
    } catch (IOException | RuntimeException e) {
      sinkFailed(e);
    }
  }

  private void data(DataPacket data) {
    ByteBuffer payload = data.payload();
    if (payload.remaining() > options.blockSize()) {
      fail(new UpstreamException("oversized DATA: block " + data.block() + " carries " + payload.remaining()
          + " bytes, blksize is " + options.blockSize()), TftpError.ILLEGAL_OPERATION);
      return;
    }
    if (window.classify(data.block()) == ReceiveWindow.Arrival.NEXT) {
      next(payload);
    } else {
      reportLoss();
    }
  }

  private void next(ByteBuffer payload) {
    int length = payload.remaining();
    bytes += length;
    if (announced.isPresent() && bytes > announced.getAsLong()) {
      sizeMismatch();
      return;
    }
    try {
      sink.write(payload);
    } catch (IOException | RuntimeException e) {
      sinkFailed(e);
      return;
    }
    boolean windowComplete = window.accept();
    lossReported = false;
    progress();
    if (length < options.blockSize()) {
      last();
    } else if (windowComplete) {
      sendAck();
    }
  }

  private void last() {
    if (announced.isPresent() && bytes != announced.getAsLong()) {
      sizeMismatch();
      return;
    }
    sendAck();
    result = new FetchResult.Fetched(bytes);
    end();
    dallying = true;
    context.timer().schedule(this::dallied, request.timeout().toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Acknowledges the last block received in order, once until the next one arrives (RFC 7440). */
  private void reportLoss() {
    if (!lossReported) {
      lossReported = true;
      sendAck();
    }
  }

  private void sizeMismatch() {
    fail(new UpstreamException("size mismatch: announced " + announced.getAsLong() + ", received " + bytes),
        TftpError.NOT_DEFINED);
  }

  private void sinkFailed(Exception e) {
    fail(new UpstreamException("storing " + request.name() + " failed: " + e.getMessage(), e), TftpError.NOT_DEFINED);
  }

  private void upstreamError(ErrorPacket error) {
    fail(new UpstreamException("upstream " + request.address() + " sent error " + error.code() + ": " + error.message()),
        null);
  }

  private void sendAck() {
    send(peer, TftpCodec.encode(new AckPacket(window.wireReceived())));
    window.acknowledged();
  }

  private void send(IoSession session, ByteBuffer packet) {
    lastSent = packet;
    lastSentTo = session;
    resendLast();
  }

  private void resendLast() {
    lastSentTo.write(IoBuffer.wrap(lastSent.duplicate()));
  }

  private void progress() {
    retransmissions = 0;
    armTimeout();
  }

  private void armTimeout() {
    cancelTimeout();
    timeout = context.timer().schedule(this::timedOut, request.timeout().toNanos(), TimeUnit.NANOSECONDS);
  }

  private void cancelTimeout() {
    if (timeout != null) {
      timeout.cancel(false);
    }
  }

  private void timedOut() {
    synchronized (this) {
      timedOutLocked();
    }
    publish();
  }

  private void timedOutLocked() {
    if (ended) {
      return;
    }
    if (++retransmissions > context.settings().maxRetransmissions()) {
      fail(new UpstreamException("upstream silent: " + request.address() + " did not answer within "
          + request.timeout() + " after " + context.settings().maxRetransmissions() + " retransmissions"),
          TftpError.NOT_DEFINED);
      return;
    }
    resendLast();
    armTimeout();
  }

  private void deadlinePassed() {
    synchronized (this) {
      fail(new UpstreamException("deadline: fetching " + request.name() + " took longer than " + request.deadline()),
          TftpError.NOT_DEFINED);
    }
    publish();
  }

  private void cancelled() {
    synchronized (this) {
      fail(new UpstreamException("cancelled"), TftpError.NOT_DEFINED);
    }
  }

  private void dallied() {
    synchronized (this) {
      dallying = false;
      release();
    }
  }

  /** Fails the fetch unless it has ended; tells the upstream with {@code error} unless null. */
  private void fail(UpstreamException exception, TftpError error) {
    if (ended) {
      return;
    }
    if (error != null && peer != null) {
      peer.write(IoBuffer.wrap(TftpCodec.error(error, exception.getMessage())));
    }
    failure = exception;
    end();
    release();
  }

  private void end() {
    ended = true;
    cancelTimeout();
    if (deadline != null) {
      deadline.cancel(false);
    }
    context.registry().finished(this);
  }

  /** Gives the port back once the fetch's sessions are closed (after their last packet is sent). */
  private void release() {
    if (port == null) {
      return;
    }
    InetSocketAddress released = port;
    port = null;
    context.registry().unregister(released.getPort(), this);
    giveBack(released, requestSession, peer);
  }

  private void giveBack(InetSocketAddress released, IoSession request, IoSession answering) {
    if (request == null) {
      context.ports().release(released); // no session was opened on it
      return;
    }
    CloseFuture requestClosed = request.closeOnFlush();
    CloseFuture peerClosed = answering == null ? requestClosed : answering.closeOnFlush();
    requestClosed.addListener(a -> peerClosed.addListener(b -> context.ports().release(released)));
  }

  /** Completes the future with the outcome, if there is one; never called holding the lock. */
  private void publish() {
    FetchResult outcome;
    UpstreamException failed;
    synchronized (this) {
      outcome = result;
      failed = failure;
    }
    if (failed != null) {
      future.completeExceptionally(failed);
    } else if (outcome != null) {
      future.complete(outcome);
    }
  }

  /** For logs. */
  @Override
  public String toString() {
    return "fetch of " + request.name() + " from " + request.address();
  }
}
