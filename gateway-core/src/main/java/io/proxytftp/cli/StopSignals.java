package io.proxytftp.cli;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * The signals that ask a serving process to stop, SIGTERM (systemd, {@code kill}) and SIGINT
 * (Ctrl-C), taken over from the JVM. Left to the JVM they would run the shutdown hooks and end the
 * process with 128 plus the signal's number (143 after SIGTERM), which systemd counts as a failed
 * stop; taken here, the process stops its gateways itself and its status says how that went.
 * {@code sun.misc.Signal} (module {@code jdk.unsupported}) is the JDK's only way to take a signal.
 */
final class StopSignals {
  private static final List<String> NAMES = List.of("TERM", "INT");

  private final CountDownLatch received = new CountDownLatch(1);
  private volatile String first;

  /**
   * Handles the stop signals from now on, each one the JVM lets go of. One it keeps ({@code -Xrs},
   * or a signal ignored since the process started) still stops the process through its shutdown
   * hooks, or not at all when ignored.
   */
  void install() {
    for (String name : NAMES) {
      try {
        Signal.handle(new Signal(name), signal -> {
          if (first == null) {
            first = "SIG" + signal.getName();
          }
          received.countDown();
        });
      } catch (IllegalArgumentException | UnsupportedOperationException e) {
        // kept by the JVM or the platform: see above
      }
    }
  }

  /**
   * Waits for the first stop signal handled here and returns its name, such as {@code SIGTERM};
   * waits for ever when none is.
   */
  String await() throws InterruptedException {
    received.await();
    return first;
  }
}
