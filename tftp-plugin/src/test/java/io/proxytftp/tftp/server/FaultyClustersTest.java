package io.proxytftp.tftp.server;

import java.nio.file.Path;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Test classes whose tests each start a proxy in front of broken upstreams of their own. */
abstract class FaultyClustersTest {
  @TempDir Path directory;
  @AutoClose FaultyClusters clusters;

  @BeforeEach
  void fixture() {
    clusters = new FaultyClusters(directory);
  }
}
