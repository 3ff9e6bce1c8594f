package io.proxytftp.http.server;

import io.micrometer.core.instrument.Counter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Connection;

/**
 * Caps the connections one client address holds open on a connector: a connection past the cap is
 * closed as soon as it opens and counted, so one host cannot take the whole connection limit from
 * the others. Jetty has a global limit ({@code NetworkConnectionLimit}) but none per address.
 */
final class ConnectionsPerAddress implements Connection.Listener {
  private final int cap;
  private final Counter refused;
  /** Each open connection's client, remembered because a closed socket no longer tells it. */
  private final Map<Connection, InetAddress> clients = new ConcurrentHashMap<>();
  private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();

  ConnectionsPerAddress(int cap, Counter refused) {
    this.cap = cap;
    this.refused = refused;
  }

  @Override
  public void onOpened(Connection connection) {
    InetAddress client = ((InetSocketAddress) connection.getEndPoint().getRemoteSocketAddress()).getAddress();
    clients.put(connection, client);
    if (open.merge(client, 1, Integer::sum) > cap) {
      refused.increment();
      connection.getEndPoint().close();
    }
  }

  @Override
  public void onClosed(Connection connection) {
    InetAddress client = clients.remove(connection);
    if (client != null) {
      open.computeIfPresent(client, (address, count) -> count == 1 ? null : count - 1);
    }
  }
}
