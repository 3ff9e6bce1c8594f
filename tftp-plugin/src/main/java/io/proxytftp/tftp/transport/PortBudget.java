package io.proxytftp.tftp.transport;

import com.sun.management.UnixOperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What this machine lets one gateway hold at once: every TFTP transfer leases a kernel-chosen UDP
 * port, from the kernel's ephemeral range, and a file descriptor with it. A transfer limit above
 * either is not refused at start (the pool binds ports as transfers need them); the operator is
 * told which machine setting caps it, since past it transfers are answered "server busy".
 */
public final class PortBudget {
  static final Path PORT_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
  /** Descriptors the JVM, the listeners, the cache and the fetcher's ports need besides transfers. */
  static final long OTHER_FILES = 1024;

  private PortBudget() {}

  /** Why this machine cannot hold {@code transfers} transfers at once; empty when it can or cannot tell. */
  public static Optional<String> shortfall(int transfers) {
    String range;
    try {
      range = Files.readString(PORT_RANGE).strip();
    } catch (IOException | RuntimeException notLinux) {
      range = "";
    }
    long maxFiles = ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
        ? unix.getMaxFileDescriptorCount()
        : Long.MAX_VALUE;
    return shortfall(transfers, range, maxFiles);
  }

  /**
   * @param portRange the kernel's ephemeral range as {@code ip_local_port_range} writes it ("32768
   *     60999"); blank or unreadable when unknown
   * @param maxFiles the files this process may open
   */
  static Optional<String> shortfall(int transfers, String portRange, long maxFiles) {
    List<String> limits = new ArrayList<>(2);
    String[] bounds = portRange.strip().split("\\s+");
    if (bounds.length == 2) {
      try {
        int ports = Integer.parseInt(bounds[1]) - Integer.parseInt(bounds[0]) + 1;
        if (ports < transfers) {
          limits.add("the kernel hands out " + ports + " UDP ports (net.ipv4.ip_local_port_range " + bounds[0]
              + " " + bounds[1] + ")");
        }
      } catch (NumberFormatException unreadable) {
        // unknown range: nothing to say about it
      }
    }
    if (maxFiles - OTHER_FILES < transfers) {
      limits.add("the process may open " + maxFiles + " files (the open files limit, LimitNOFILE under systemd)");
    }
    if (limits.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("limits.max-transfers " + transfers + " is more than this machine lets the gateway hold: "
        + String.join(", and ", limits) + "; transfers past that are answered \"server busy\"");
  }
}
