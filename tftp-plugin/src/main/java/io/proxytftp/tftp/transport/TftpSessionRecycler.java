package io.proxytftp.tftp.transport;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.session.IoSessionRecycler;

/**
 * Keeps MINA's datagram sessions, one per (client address, local port), for exactly as long as the
 * gateway uses them: every session is closed by the request, transfer or fetch it belongs to.
 *
 * <p>MINA's expiring recycler would close a transfer's session after a fixed idle time, shorter
 * than some negotiated timeouts, and then route the peer's next packet to a new session.
 */
public final class TftpSessionRecycler implements IoSessionRecycler {
  private final Map<Key, IoSession> sessions = new ConcurrentHashMap<>();

  @Override
  public void put(IoSession session) {
    sessions.putIfAbsent(key(session), session);
  }

  @Override
  public IoSession recycle(SocketAddress remoteAddress, int localPort) {
    return sessions.get(new Key(remoteAddress, localPort));
  }

  @Override
  public void remove(IoSession session) {
    sessions.remove(key(session), session);
  }

  private static Key key(IoSession session) {
    return new Key(session.getRemoteAddress(), ((InetSocketAddress) session.getLocalAddress()).getPort());
  }

  private record Key(SocketAddress remote, int localPort) {}
}
