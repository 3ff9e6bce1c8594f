package io.proxytftp.cluster;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;

/** Where some of a cluster's TFTP addresses come from: a configured literal, or a name to look up. */
sealed interface AddressSource {

  /** The host as configured, for logs. */
  String host();

  /** The addresses this source gives now; blocks while a name is looked up. */
  List<InetSocketAddress> addresses(HostResolver resolver) throws UnknownHostException;

  /** An IP literal: used as it is, never looked up. */
  record Literal(InetSocketAddress address) implements AddressSource {
    public Literal {
      Objects.requireNonNull(address, "address");
    }

    @Override
    public String host() {
      return address.getAddress().getHostAddress();
    }

    @Override
    public List<InetSocketAddress> addresses(HostResolver resolver) {
      return List.of(address);
    }
  }

  /** A name: looked up, its first {@code limit} addresses taken, each with {@code port}. */
  record Name(String host, int port, int limit) implements AddressSource {
    public Name {
      Objects.requireNonNull(host, "host");
      if (limit < 1) {
        throw new IllegalArgumentException("limit must be positive: " + limit);
      }
    }

    @Override
    public List<InetSocketAddress> addresses(HostResolver resolver) throws UnknownHostException {
      List<InetAddress> found = resolver.lookup(host);
      if (found.isEmpty()) {
        throw new UnknownHostException(host + ": no addresses");
      }
      return found.stream().limit(limit).map(address -> new InetSocketAddress(address, port)).toList();
    }
  }
}
