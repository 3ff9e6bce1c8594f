package io.proxytftp.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The system's resolver, through {@link InetAddress#getAllByName}: the gateway follows the host's
 * own resolver configuration (and the JVM's DNS cache) rather than running a resolver of its own.
 */
public final class JdkHostResolver implements HostResolver {
  @Override
  public List<InetAddress> lookup(String host) throws UnknownHostException {
    return List.of(InetAddress.getAllByName(host));
  }
}
