package io.proxytftp.identity;

import io.proxytftp.config.GatewayConfig;
import io.proxytftp.plugin.GatewayService;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the gateway's identity for the running gateway: read, or created, when the gateway starts,
 * so that a bad key file stops the start with a clear message rather than the first signature.
 */
public final class IdentityService implements GatewayService {
  private static final Logger LOG = LoggerFactory.getLogger(IdentityService.class);

  private final GatewayConfig config;
  private final Clock clock;
  private volatile GatewayIdentity identity;

  @Inject
  public IdentityService(GatewayConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "identity";
  }

  @Override
  public void start() throws IdentityException {
    GatewayIdentity loaded = IdentityLoader.load(config.identity(), config.gateway(), clock);
    Instant now = clock.instant();
    if (loaded.certificate().getNotAfter().toInstant().isBefore(now)) {
      LOG.warn("the gateway's certificate {} expired on {}; phones may refuse what it signs",
          loaded.certificate().getSubjectX500Principal().getName(), loaded.certificate().getNotAfter().toInstant());
    }
    LOG.info("TFTP identity {} ({}-bit RSA), certificate SHA-256 {}",
        loaded.certificate().getSubjectX500Principal().getName(), loaded.keyBits(), loaded.fingerprint());
    identity = loaded;
  }

  @Override
  public void stop(Duration grace) {
    // Nothing to release: the key stays in memory until the gateway's objects are gone.
  }

  /** The identity; the service must have started. */
  public GatewayIdentity identity() {
    GatewayIdentity current = identity;
    if (current == null) {
      throw new IllegalStateException("the identity service has not started");
    }
    return current;
  }
}
