package io.proxytftp.resolve;

import java.util.Objects;

/** The outcome of resolving one request; each front end maps it to its own error codes. */
public sealed interface Resolution {

  /** The file exists; the receiver owns it and must close it. */
  record Found(ResolvedFile file) implements Resolution {
    public Found {
      Objects.requireNonNull(file, "file");
    }
  }

  /** No store and no cluster has the file (TFTP error 1, HTTP 404). */
  record NotFound(String name) implements Resolution {
    public NotFound {
      Objects.requireNonNull(name, "name");
    }
  }

  /** The name itself is unacceptable (TFTP error 2, HTTP 400); {@code reason} is safe to echo. */
  record Refused(String reason) implements Resolution {
    public Refused {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * The file exists but cannot be served as it should be, such as a common file whose upstream
   * signature does not verify, or cannot be had now because a cluster failed (TFTP error 0 with the
   * reason, HTTP 502); {@code reason} is safe to echo and names no secret.
   */
  record Unavailable(String name, String reason) implements Resolution {
    public Unavailable {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(reason, "reason");
    }

    /**
     * A search that could not tell whether the file exists: a cluster failed, broke off
     * mid-transfer, stayed silent, or could not be asked. Never remembered as "not found", so a
     * mended cluster serves at once; the reason names no cluster address.
     */
    public static Unavailable upstreamFailed(String name) {
      return new Unavailable(name, "a cluster failed or did not answer; try again");
    }

    /**
     * A cluster sent the file and the gateway could not store it (its disk is full or its data
     * directory unwritable): the gateway's fault, which the reason does not put on a cluster.
     */
    public static Unavailable notStored(String name) {
      return new Unavailable(name, "the gateway could not store the file; try again");
    }
  }
}
