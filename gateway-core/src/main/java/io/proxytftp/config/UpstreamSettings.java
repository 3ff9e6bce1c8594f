package io.proxytftp.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How the gateway talks to remote clusters: patience per packet and per search, the bound on what
 * one cluster address is asked at once, and when a failing address is skipped.
 *
 * @param timeout how long one upstream packet is waited for before it is asked again
 * @param searchTimeout how long a search of all clusters may take before the phone is told "not
 *     found"; well within a phone's patience, and never the sum of the clusters' timeouts
 * @param fetchDeadline how long one upstream download may take in all
 * @param maxFetchesPerAddress concurrent fetches from one cluster address
 * @param failuresBeforeOpen consecutive failures after which an address is skipped
 * @param openInterval how long a failing address is skipped before it is tried again
 * @param dnsRefresh how often automatically determined addresses are looked up again
 * @param hedgeAfter how long the cluster that won a search may take to deliver a file that phones
 *     are waiting for before the other clusters are asked too, the first whole copy winning: an
 *     overloaded cluster that answers at once and then drips the file must not outlast a phone's
 *     patience while another cluster holds the same file
 */
public record UpstreamSettings(
    Duration timeout,
    Duration searchTimeout,
    Duration fetchDeadline,
    int maxFetchesPerAddress,
    int failuresBeforeOpen,
    Duration openInterval,
    Duration dnsRefresh,
    Duration hedgeAfter) {
  /** The {@code upstream.hedge-after} a configuration without one gets. */
  public static final Duration DEFAULT_HEDGE_AFTER = Duration.ofSeconds(1);

  public UpstreamSettings {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(searchTimeout, "searchTimeout");
    Objects.requireNonNull(fetchDeadline, "fetchDeadline");
    Objects.requireNonNull(openInterval, "openInterval");
    Objects.requireNonNull(dnsRefresh, "dnsRefresh");
    Objects.requireNonNull(hedgeAfter, "hedgeAfter");
  }

  /** Settings with the default {@link #hedgeAfter()}. */
  public UpstreamSettings(Duration timeout, Duration searchTimeout, Duration fetchDeadline, int maxFetchesPerAddress,
      int failuresBeforeOpen, Duration openInterval, Duration dnsRefresh) {
    this(timeout, searchTimeout, fetchDeadline, maxFetchesPerAddress, failuresBeforeOpen, openInterval, dnsRefresh,
        DEFAULT_HEDGE_AFTER);
  }
}
