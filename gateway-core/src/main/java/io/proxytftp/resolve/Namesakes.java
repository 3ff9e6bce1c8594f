package io.proxytftp.resolve;

import io.proxytftp.cluster.AddressText;
import io.proxytftp.cluster.ClusterCatalog;
import io.proxytftp.cluster.ClusterRegistry;
import io.proxytftp.cluster.ClusterTarget;
import io.proxytftp.identity.InstanceToken;
import io.proxytftp.upstream.ClusterHops;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns when another gateway turns out to carry this gateway's own {@code gateway.id}: a copy of
 * its configuration file, started with a data directory of its own. The loop guard tells the two
 * apart by their instance tokens, but the shared id still makes everything else that names a
 * gateway by it ambiguous (certificate subjects, logs, via lists), so the admin is told to give
 * each gateway its own id.
 *
 * <p>Nothing is probed; the other gateway shows itself in what it sends anyway, and the warning
 * comes from whichever of the two notices first, so that the admin sees it on the gateway he looks
 * at:
 *
 * <ul>
 *   <li>A gateway that asks this one shows itself in the via list of its request ({@link #check}).
 *       When it sent the request itself, the warning names the remote cluster at the address it
 *       came from, if this gateway lists one.
 *   <li>A remote cluster that this gateway asks names itself in its answer, when it is a proxytftp
 *       gateway: the TFTP server in the {@code proxytftp-via} option of its OACK, the HTTP server in
 *       a {@code Proxytftp-Hop} header ({@link #answered}). The gateway that lists the copy is the
 *       one an admin who copied the file looks at, and the copy may never ask back.
 * </ul>
 *
 * <p>Each such gateway is named once, whichever way it showed itself, and again after the Cluster
 * View changes; at most {@value #MAX_REMEMBERED} are remembered, so a forged via list or answer
 * cannot grow memory or the log.
 */
public final class Namesakes implements ClusterHops {
  private static final Logger LOG = LoggerFactory.getLogger(Namesakes.class);
  static final int MAX_REMEMBERED = 64;

  private final ClusterRegistry clusters;
  private final InstanceToken token;
  private final Set<Hop> warned = ConcurrentHashMap.newKeySet();

  @Inject
  Namesakes(ClusterRegistry clusters, ClusterCatalog catalog, InstanceToken token) {
    this.clusters = clusters;
    this.token = token;
    catalog.onChange(changed -> warned.clear());
  }

  /**
   * The asked side: a request's via list.
   *
   * @param hops the gateways the request passed through, the one that sent it here last
   * @param client where the request came from
   */
  void check(List<Hop> hops, InetSocketAddress client) {
    for (int i = 0; i < hops.size(); i++) {
      boolean sentIt = i == hops.size() - 1;
      warnOnce(hops.get(i), () -> sentIt ? sender(client.getAddress()) : "a gateway further up the cascade (via "
          + Via.format(hops.stream().map(Hop::toString).toList()) + ", from " + client.getAddress().getHostAddress() + ")");
    }
  }

  /**
   * The asking side: what a remote cluster named itself in its answer. A value that is not one
   * entry of a via list, as {@link Via#parse} bounds them, is not a gateway's name and is ignored.
   */
  @Override
  public void answered(String clusterId, InetSocketAddress address, String hop) {
    List<String> entries = Via.parse(hop);
    if (entries.size() == 1) {
      warnOnce(Hop.parse(entries.get(0)), () -> "remote cluster " + clusterId + " (" + AddressText.of(address) + ")");
    }
  }

  /** Warns about {@code other} unless it is no namesake, was named before, or too many were. */
  private void warnOnce(Hop other, Supplier<String> who) {
    Hop self = token.hop();
    if (other.namesakeOf(self) && warned.size() < MAX_REMEMBERED && warned.add(other)) {
      LOG.warn("{} is a gateway with our own id {} ({}; this one is {}); give each gateway its own gateway.id", who.get(),
          self.gatewayId(), other.instance().map(theirs -> "instance " + theirs).orElse("an older release without"
          + " instance tokens"), self.instance().orElseThrow());
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
