package io.proxytftp.upstream;

import java.net.InetSocketAddress;

/**
 * Told which gateway a remote cluster turned out to be, when it is a proxytftp gateway that names
 * itself in its answer (see {@link ContentSink#answeredBy}). The search tells it, because only the
 * search knows which cluster it asked; the fetchers only see an address. The core binds it to the
 * check that warns when a remote cluster carries this gateway's own {@code gateway.id}.
 */
public interface ClusterHops {

  /**
   * @param clusterId the remote cluster that was asked
   * @param address the cluster's address that was asked, as the Cluster View lists it (its TFTP
   *     address, also when it answered over HTTP on another port)
   * @param hop what the cluster named itself, as received ({@code gateway.id#instance-token});
   *     not checked, it comes from the network
   */
  void answered(String clusterId, InetSocketAddress address, String hop);
}
