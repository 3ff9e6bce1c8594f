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
 */
public record UpstreamSettings(
    Duration timeout,
    Duration searchTimeout,
    Duration fetchDeadline,
    int maxFetchesPerAddress,
    int failuresBeforeOpen,
    Duration openInterval,
    Duration dnsRefresh) {
  public UpstreamSettings {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(searchTimeout, "searchTimeout");
    Objects.requireNonNull(fetchDeadline, "fetchDeadline");
    Objects.requireNonNull(openInterval, "openInterval");
    Objects.requireNonNull(dnsRefresh, "dnsRefresh");
  }
}
