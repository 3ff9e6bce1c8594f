package io.proxytftp.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Looks host names up: the JDK's resolver in production, a table in tests. An interface so that
 * the registry's rules (which record is taken, what a failure keeps) can be checked without DNS.
 */
public interface HostResolver {

  /** The host's addresses in the order the resolver gave them; never empty. */
  List<InetAddress> lookup(String host) throws UnknownHostException;
}
