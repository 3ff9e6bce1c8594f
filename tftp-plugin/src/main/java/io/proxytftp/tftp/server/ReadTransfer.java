package io.proxytftp.tftp.server;

import io.proxytftp.resolve.ResolvedFile;
import io.proxytftp.tftp.codec.AckPacket;
import io.proxytftp.tftp.codec.ErrorPacket;
import io.proxytftp.tftp.codec.Opcode;
import io.proxytftp.tftp.codec.OptionAckPacket;
import io.proxytftp.tftp.codec.TftpCodec;
import io.proxytftp.tftp.codec.TftpError;
import io.proxytftp.tftp.codec.TftpPacket;
import io.proxytftp.tftp.codec.TransferOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One read transfer on its own port: sends a window of DATA blocks, slides it on acknowledgements,
 * sends again on timeout, and ends on the last acknowledgement, an ERROR, or too many timeouts.
 *
 * <p>Blocks are numbered here with a {@code long}; the wire carries the low 16 bits, so block
 * numbers roll over from 65535 to 0 as most clients expect. An acknowledgement is mapped back to
 * the one block inside the window whose low 16 bits it carries.
 *
 * <p>A duplicate acknowledgement never triggers DATA in lock-step (the Sorcerer's Apprentice bug,
 * RFC 1123 4.2.3.1). With a window (RFC 7440), an acknowledgement inside the window reports a loss:
 * the window restarts after it; a repeated acknowledgement of the window's base restarts it once.
 *
 * <p>Called from the I/O thread (packets), the timer thread (timeouts) and a worker (start); every
 * entry point is synchronized on the transfer.
 */
final class ReadTransfer {
  private static final Logger LOG = LoggerFactory.getLogger(ReadTransfer.class);

  /** How a transfer ended, for the server's bookkeeping. */
  enum Outcome { COMPLETED, FAILED }

  /** Told once when the transfer has ended. */
  interface EndListener {
    void ended(ReadTransfer transfer, Outcome outcome);
  }

  private final IoSession session;
  private final ResolvedFile file;
  private final BlockSource blocks;
  private final TransferOptions options;
  private final Map<String, String> optionAck;
  private final ScheduledExecutorService timer;
  private final int maxRetransmissions;
  private final TftpMetrics metrics;
  private final EndListener endListener;

  /**
   * DATA buffers MINA has finished sending (it hands back each one it sent), filled again for later
   * blocks: a 32 MB load at blksize 65464 would otherwise leave 32 MB of garbage per transfer, which
   * under a thousand transfers made the heap, and the gateway's resident memory, grow by 500 MB.
   */
  private final Deque<IoBuffer> spare = new ArrayDeque<>();
  private long acknowledged;
  private long sent;
  private long lastBlock = Long.MAX_VALUE;
  private int retransmissions;
  private boolean restartedOnDuplicate;
  /**
   * When the transfer times out unless it hears from its client. Each packet only moves this
   * deadline: the timer's task ({@link #timeout}) is scheduled once and, when it fires early, again
   * for the rest, instead of being cancelled and scheduled anew per block, which cost a wake-up of
   * the timer thread (a futex call) per block.
   */
  private long deadlineNanos;
  private ScheduledFuture<?> timeout;
  /**
   * Which scheduled task is the current one. Ending or pausing the transfer cancels its timeout and
   * so moves this on: a task that began anyway finds itself stale and does nothing.
   */
  private long timerGeneration;
  private boolean ended;
  private boolean waitingForContent;

  ReadTransfer(IoSession session, ResolvedFile file, BlockSource blocks, TransferOptions options,
      Map<String, String> optionAck, ScheduledExecutorService timer, int maxRetransmissions,
      TftpMetrics metrics, EndListener endListener) {
    this.session = session;
    this.file = file;
    this.blocks = blocks;
    this.options = options;
    this.optionAck = optionAck;
    this.timer = timer;
    this.maxRetransmissions = maxRetransmissions;
    this.metrics = metrics;
    this.endListener = endListener;
    // With an OACK, block 0 stands for the OACK and is acknowledged by ACK 0.
    this.acknowledged = optionAck.isEmpty() ? 0 : -1;
  }

  IoSession session() {
    return session;
  }

  synchronized void start() {
    if (acknowledged < 0) {
      sendOptionAck();
    } else {
      sendWindow();
    }
    armTimeout();
  }

  /** A packet from the transfer's own client. */
  synchronized void received(TftpPacket packet) {
    if (ended) {
      return;
    }
    if (packet instanceof AckPacket ack) {
      acknowledgementReceived(ack.block());
    } else if (packet instanceof ErrorPacket) {
      end(Outcome.FAILED);
    } else {
      abort(TftpError.ILLEGAL_OPERATION, "expected an ACK, got " + packet.opcode());
    }
  }

  /** Ends the transfer with an ERROR to the client (malformed input, shutdown). */
  synchronized void abort(TftpError error, String message) {
    if (ended) {
      return;
    }
    send(TftpCodec.error(error, message));
    metrics.errorSent(error);
    end(Outcome.FAILED);
  }

  private void acknowledgementReceived(int wireBlock) {
    long block = acknowledged + ((wireBlock - (int) (acknowledged & 0xFFFF)) & 0xFFFF);
    if (block > sent) {
      return; // acknowledges a block never sent: a stray or forged packet
    }
    if (block == acknowledged) {
      duplicateAcknowledgement();
      return;
    }
    acknowledged = block;
    blocks.acknowledged(block);
    retransmissions = 0;
    restartedOnDuplicate = false;
    if (block >= lastBlock) {
      end(Outcome.COMPLETED);
      return;
    }
    sent = block; // an ACK inside the window reports a loss (RFC 7440): the window restarts after it
    sendWindow();
    armTimeout();
  }

  private void duplicateAcknowledgement() {
    if (options.windowSize() == 1 || restartedOnDuplicate || sent == acknowledged) {
      return;
    }
    restartedOnDuplicate = true;
    metrics.retransmissions.increment();
    sent = acknowledged;
    sendWindow();
    armTimeout();
  }

  private void timedOut(long generation) {
    synchronized (this) {
      if (generation != timerGeneration) {
        return;
      }
      timeout = null;
      long left = deadlineNanos - System.nanoTime();
      if (left > 0) {
        schedule(left);
        return;
      }
      if (++retransmissions > maxRetransmissions) {
        LOG.debug("transfer of {} to {} timed out", file.name(), session.getRemoteAddress());
        abort(TftpError.NOT_DEFINED, "timed out waiting for an acknowledgement");
        return;
      }
      metrics.retransmissions.increment();
      if (acknowledged < 0) {
        sendOptionAck();
      } else {
        sent = acknowledged;
        sendWindow();
      }
      armTimeout();
    }
  }

  private void sendOptionAck() {
    send(TftpCodec.encode(new OptionAckPacket(optionAck)));
  }

  /**
   * Sends the rest of the window, stopping after the last block even when it ends mid-window, and
   * pausing (without retransmission timer) at a block whose bytes are still arriving from a remote
   * cluster.
   */
  private void sendWindow() {
    long windowEnd = acknowledged + options.windowSize();
    while (sent < windowEnd && sent < lastBlock && !ended && !waitingForContent) {
      CompletableFuture<Void> readable = file.whenReadable(blocks.readableEndFor(sent + 1));
      if (!readable.isDone()) {
        waitingForContent = true;
        cancelTimeout();
        readable.whenComplete((ready, failure) -> contentArrived(failure));
        return;
      }
      if (readable.isCompletedExceptionally()) {
        abort(TftpError.NOT_DEFINED, "the file's transfer from its cluster broke off");
        return;
      }
      sendBlock(++sent);
    }
  }

  private synchronized void contentArrived(Throwable failure) {
    waitingForContent = false;
    if (ended) {
      return;
    }
    if (failure != null) {
      abort(TftpError.NOT_DEFINED, "the file's transfer from its cluster broke off");
      return;
    }
    sendWindow();
    armTimeout();
  }

  /** MINA has sent {@code buffer}; a DATA buffer of this transfer's is kept for a later block. */
  synchronized void sent(IoBuffer buffer) {
    if (!ended && buffer.capacity() == dataPacketSize() && buffer.getShort(0) == Opcode.DATA.code()
        && spare.size() < options.windowSize()) {
      spare.push(buffer);
    }
  }

  private int dataPacketSize() {
    return TftpCodec.DATA_HEADER_LENGTH + options.blockSize();
  }

  private void sendBlock(long number) {
    IoBuffer packet = spare.isEmpty() ? IoBuffer.allocate(dataPacketSize()) : spare.pop().clear();
    ByteBuffer buffer = packet.buf();
    TftpCodec.putDataHeader(buffer, (int) (number & 0xFFFF));
    int length;
    try {
      length = blocks.fill(number, buffer);
    } catch (IOException e) {
      LOG.warn("reading {} failed: {}", file.name(), e.toString());
      abort(TftpError.NOT_DEFINED, "read error");
      return;
    }
    if (length < options.blockSize()) {
      lastBlock = number;
    }
    metrics.bytesSent.increment(length);
    packet.flip();
    session.write(packet);
  }

  private void send(ByteBuffer packet) {
    session.write(IoBuffer.wrap(packet));
  }

  private void armTimeout() {
    if (ended || waitingForContent) {
      cancelTimeout();
      return;
    }
    long wait = options.timeout().toNanos();
    deadlineNanos = System.nanoTime() + wait;
    if (timeout == null) {
      schedule(wait);
    }
  }

  private void schedule(long delayNanos) {
    long generation = ++timerGeneration;
    timeout = timer.schedule(() -> timedOut(generation), delayNanos, TimeUnit.NANOSECONDS);
  }

  private void cancelTimeout() {
    timerGeneration++;
    if (timeout != null) {
      timeout.cancel(false);
      timeout = null;
    }
  }

  private void end(Outcome outcome) {
    ended = true;
    cancelTimeout();
    file.close();
    endListener.ended(this, outcome);
  }
}
