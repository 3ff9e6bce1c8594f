package io.proxytftp.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** A resolver answering from a table a test changes at will; it remembers every name asked. */
final class TableResolver implements HostResolver {
  private final Map<String, List<InetAddress>> table = new ConcurrentHashMap<>();
  final Queue<String> asked = new ConcurrentLinkedQueue<>();

  /** Makes {@code host} resolve to the given IP literals, in order. */
  void answer(String host, String... addresses) {
    table.put(host, List.of(addresses).stream().map(TableResolver::literal).toList());
  }

  /** Makes lookups of {@code host} fail. */
  void forget(String host) {
    table.remove(host);
  }

  @Override
  public List<InetAddress> lookup(String host) throws UnknownHostException {
    asked.add(host);
    List<InetAddress> addresses = table.get(host);
    if (addresses == null) {
      throw new UnknownHostException(host);
    }
    return addresses;
  }

  static InetAddress literal(String address) {
    try {
      return InetAddress.getByName(address);
    } catch (UnknownHostException notALiteral) {
      throw new IllegalArgumentException(address, notALiteral);
    }
  }
}
