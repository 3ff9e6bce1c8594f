package io.proxytftp.tftp.upstream;

import io.proxytftp.tftp.transport.ForeignPackets;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes every datagram of the fetcher's acceptor to the fetch holding the port it arrived on. */
final class UpstreamIoHandler extends IoHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(UpstreamIoHandler.class);

  private final FetchRegistry registry;

  UpstreamIoHandler(FetchRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void messageReceived(IoSession session, Object message) {
    ByteBuffer datagram = ((IoBuffer) message).buf();
    Fetch fetch = registry.on(((InetSocketAddress) session.getLocalAddress()).getPort());
    if (fetch == null) {
      ForeignPackets.refuse(session, datagram);
    } else {
      fetch.received(session, datagram);
    }
  }

  @Override
  public void exceptionCaught(IoSession session, Throwable cause) {
    LOG.debug("I/O error on {}: {}", session, cause.toString());
  }
}
