package io.proxytftp.upstream;

import io.proxytftp.cache.Arrival;
import io.proxytftp.cache.CacheEntry;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/** How a search of remote clusters ended. */
public sealed interface SearchOutcome {

  /** A cluster had the file; it is now in the cache. */
  record Found(CacheEntry entry, String clusterId, InetSocketAddress address) implements SearchOutcome {}

  /**
   * A cluster has the file and it is arriving: readers may start while the rest comes in.
   *
   * @param finished completes when the file is in the cache, or exceptionally when the transfer
   *     broke off (readers of the arrival then fail too)
   */
  record Arriving(Arrival arrival, String clusterId, InetSocketAddress address, CompletableFuture<Void> finished)
      implements SearchOutcome {}

  /**
   * No cluster had the file, or not all of them could tell, or the gateway could not keep it.
   *
   * @param reason for logs
   * @param everyClusterAnswered whether every asked address answered "not found" (as opposed to
   *     silence, failures or addresses that could not be asked now): only then is the file known to
   *     be nowhere, and may be answered "not found"; otherwise the failure is transient
   * @param localFailure whether a cluster sent the file and the gateway could not write it to its
   *     cache: the gateway's own fault, which no cluster is blamed for
   */
  record Missing(String reason, boolean everyClusterAnswered, boolean localFailure) implements SearchOutcome {
    public Missing(String reason, boolean everyClusterAnswered) {
      this(reason, everyClusterAnswered, false);
    }

    /** A cluster had the file, and the gateway could not store it. */
    public static Missing notStored(String reason) {
      return new Missing(reason, false, true);
    }

    /** The outcome of two searches that both came back without the file. */
    public Missing and(Missing other) {
      return new Missing(reason + "; " + other.reason, everyClusterAnswered && other.everyClusterAnswered,
          localFailure || other.localFailure);
    }
  }
}
