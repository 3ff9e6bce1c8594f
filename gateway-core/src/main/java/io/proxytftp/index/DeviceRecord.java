package io.proxytftp.index;

import java.time.Instant;
import java.util.Objects;

/**
 * Where one phone belongs: the remote cluster its device file came from.
 *
 * @param mac 12 upper-case hex digits
 * @param clusterId the home cluster
 * @param address the cluster address that served the device file, as {@code host:port}
 * @param client the phone's own IP address when it last asked, if known (used to find the home
 *     cluster of requests that carry no MAC)
 * @param learnedAt when the gateway last found the phone's device file there
 */
public record DeviceRecord(String mac, String clusterId, String address, String client, Instant learnedAt) {
  public DeviceRecord {
    Objects.requireNonNull(mac, "mac");
    Objects.requireNonNull(clusterId, "clusterId");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(learnedAt, "learnedAt");
  }
}
