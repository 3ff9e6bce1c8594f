package io.proxytftp.cluster;

import io.proxytftp.cluster.UpstreamHealth.Permit;
import java.util.concurrent.atomic.AtomicBoolean;

/** A permit that takes exactly one outcome, so a fetch can never count twice or free a slot twice. */
final class SingleUsePermit implements Permit {
  private final AddressHealth health;
  private final boolean probe;
  private final AtomicBoolean used = new AtomicBoolean();

  SingleUsePermit(AddressHealth health, boolean probe) {
    this.health = health;
    this.probe = probe;
  }

  @Override
  public void succeeded() {
    use();
    health.succeeded(probe);
  }

  @Override
  public void failed() {
    use();
    health.failed(probe);
  }

  @Override
  public void released() {
    use();
    health.released(probe);
  }

  private void use() {
    if (!used.compareAndSet(false, true)) {
      throw new IllegalStateException("this permit already has its outcome");
    }
  }
}
