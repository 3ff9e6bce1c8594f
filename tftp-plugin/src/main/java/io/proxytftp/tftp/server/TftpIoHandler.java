package io.proxytftp.tftp.server;

import io.proxytftp.tftp.codec.MalformedPacketException;
import io.proxytftp.tftp.codec.TftpCodec;
import io.proxytftp.tftp.codec.TftpError;
import io.proxytftp.tftp.transport.ForeignPackets;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives every datagram of the acceptor and routes it by the port it arrived on: the listener's
 * port carries requests, any other port belongs to at most one transfer. A packet on a transfer's
 * port from another address or port (a foreign TID), or on a port no transfer holds, is answered
 * with ERROR 5 and touches no transfer.
 */
final class TftpIoHandler extends IoHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(TftpIoHandler.class);

  private final TransferRegistry registry;
  private final TftpMetrics metrics;
  private volatile int listenerPort = -1;
  private volatile RequestHandler requests;

  TftpIoHandler(TransferRegistry registry, TftpMetrics metrics) {
    this.registry = registry;
    this.metrics = metrics;
  }

  /**
   * Starts routing the listener port's datagrams to {@code requests}. The port is only known once
   * bound; a request arriving in between is dropped and the client sends it again.
   */
  void listen(int port, RequestHandler requests) {
    this.requests = requests;
    this.listenerPort = port;
  }

  @Override
  public void messageReceived(IoSession session, Object message) {
    ByteBuffer datagram = ((IoBuffer) message).buf();
    int localPort = ((InetSocketAddress) session.getLocalAddress()).getPort();
    if (localPort == listenerPort) {
      requests.received(session, datagram);
      return;
    }
    ReadTransfer transfer = registry.transferOn(localPort);
    if (transfer == null || !transfer.session().getRemoteAddress().equals(session.getRemoteAddress())) {
      if (ForeignPackets.refuse(session, datagram)) {
        metrics.errorSent(TftpError.UNKNOWN_TRANSFER_ID);
      }
      return;
    }
    try {
      transfer.received(TftpCodec.decode(datagram));
    } catch (MalformedPacketException e) {
      transfer.abort(e.error(), e.getMessage());
    }
  }

  /** MINA is done with a buffer this transfer wrote: it may fill it again. */
  @Override
  public void messageSent(IoSession session, Object message) {
    ReadTransfer transfer = registry.transferOn(((InetSocketAddress) session.getLocalAddress()).getPort());
    if (transfer != null && message instanceof IoBuffer buffer && transfer.session() == session) {
      transfer.sent(buffer);
    }
  }

  /**
   * Counted in {@code tftp.io.errors} and logged with its trace: nothing a client sends should ever
   * get here, so each one is a bug or a socket failure worth seeing.
   */
  @Override
  public void exceptionCaught(IoSession session, Throwable cause) {
    metrics.ioErrors.increment();
    LOG.warn("I/O error on {}", session, cause);
  }
}
