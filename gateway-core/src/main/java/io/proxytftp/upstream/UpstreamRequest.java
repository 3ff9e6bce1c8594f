package io.proxytftp.upstream;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One fetch from one upstream address.
 *
 * @param name the normalised file name
 * @param address the upstream service's address
 * @param timeout how long to wait for any one packet before sending again; positive
 * @param deadline how long the whole fetch may take before it is abandoned; positive
 * @param via the gateways this request has already passed through, this one last, as {@code
 *     io.proxytftp.resolve.Via} entries ({@code id#instance-token}); sent upstream so that proxies
 *     listing each other never loop
 */
public record UpstreamRequest(String name, InetSocketAddress address, Duration timeout, Duration deadline, List<String> via) {
  public UpstreamRequest {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(deadline, "deadline");
    if (!positive(timeout) || !positive(deadline)) {
      throw new IllegalArgumentException("timeout " + timeout + " and deadline " + deadline + " must be positive");
    }
    via = List.copyOf(via);
  }

  private static boolean positive(Duration duration) {
    return !duration.isZero() && !duration.isNegative();
  }
}
