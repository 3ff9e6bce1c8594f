package io.proxytftp.resolve;

import io.proxytftp.cluster.ClusterCatalog;
import io.proxytftp.cluster.ClusterRegistry;
import io.proxytftp.cluster.ClusterTarget;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns when a request shows another gateway carrying this gateway's own {@code gateway.id}: a copy
 * of its configuration file, started with a data directory of its own. The loop guard tells the two
 * apart by their instance tokens, but the shared id still makes everything else that names a
 * gateway by it ambiguous (certificate subjects, logs, via lists), so the admin is told to give
 * each gateway its own id.
 *
 * <p>Nothing is probed: the other gateway shows itself in the via list of the requests it sends
 * here. When it sent the request itself, the warning names the remote cluster at the address it
 * came from, if this gateway lists one. Each such gateway is named once, and again after the
 * Cluster View changes; at most {@value #MAX_REMEMBERED} are remembered, so a forged via list
 * cannot grow memory or the log.
 */
final class Namesakes {
  private static final Logger LOG = LoggerFactory.getLogger(Namesakes.class);
  static final int MAX_REMEMBERED = 64;

  private final ClusterRegistry clusters;
  private final Set<Hop> warned = ConcurrentHashMap.newKeySet();

  @Inject
  Namesakes(ClusterRegistry clusters, ClusterCatalog catalog) {
    this.clusters = clusters;
    catalog.onChange(changed -> warned.clear());
  }

  /**
   * @param self this gateway
   * @param hops the gateways the request passed through, the one that sent it here last
   * @param client where the request came from
   */
  void check(Hop self, List<Hop> hops, InetSocketAddress client) {
    for (int i = 0; i < hops.size(); i++) {
      Hop hop = hops.get(i);
      if (hop.namesakeOf(self) && warned.size() < MAX_REMEMBERED && warned.add(hop)) {
        String who = i == hops.size() - 1 ? sender(client.getAddress()) : "a gateway further up the cascade (via "
            + Via.format(hops.stream().map(Hop::toString).toList()) + ", from " + client.getAddress().getHostAddress() + ")";
        LOG.warn("{} is a gateway with our own id {} ({}; this one is {}); give each gateway its own gateway.id", who,
            self.gatewayId(), hop.instance().map(token -> "instance " + token).orElse("an older release without instance"
            + " tokens"), self.instance().orElseThrow());
      }
    }
  }

  private String sender(InetAddress address) {
    List<String> listed = clusters.tftpTargets().stream()
        .filter(target -> target.addresses().stream().anyMatch(listedAddress -> listedAddress.getAddress().equals(address)))
        .map(ClusterTarget::clusterId)
        .toList();
    return listed.isEmpty()
        ? "the gateway at " + address.getHostAddress() + " (not a remote cluster of this one)"
        : "remote cluster " + String.join(" or ", listed) + " (" + address.getHostAddress() + ")";
  }
}
