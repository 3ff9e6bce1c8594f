package io.proxytftp.lifecycle;

import io.proxytftp.config.GatewayConfig;
import io.proxytftp.plugin.GatewayService;
import io.proxytftp.plugin.StartException;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;

/**
 * The gateway's hold on its data directory: the first service to start and the last to stop. It
 * takes the directory's lock (see {@link DataDirectoryLock}) and checks that what lives there can be
 * used (see {@link DataDirectoryCheck}) before any other service touches it, and refuses the start
 * with one line naming the path otherwise.
 */
public final class DataDirectory implements GatewayService {
  private final GatewayConfig config;
  private DataDirectoryLock lock;

  @Inject
  DataDirectory(GatewayConfig config) {
    this.config = config;
  }

  @Override
  public String name() {
    return "data-directory";
  }

  @Override
  public synchronized void start() throws StartException, IOException {
    DataDirectoryCheck.dataDirectory(config.gateway().dataDirectory());
    lock = DataDirectoryLock.take(config.gateway().dataDirectory(), config.gateway().id());
    DataDirectoryCheck.contents(config);
  }

  /** Releases the lock, after every other service has stopped. */
  @Override
  public synchronized void stop(Duration grace) throws IOException {
    if (lock != null) {
      lock.close();
      lock = null;
    }
  }
}
