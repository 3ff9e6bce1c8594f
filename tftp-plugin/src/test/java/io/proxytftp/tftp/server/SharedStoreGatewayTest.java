package io.proxytftp.tftp.server;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Test classes whose tests share one running gateway and its store. */
abstract class SharedStoreGatewayTest {
  @TempDir static Path directory;
  static StoreGateway served;
  static Path store;
  static InetSocketAddress server;

  @BeforeAll
  static void startGateway() throws Exception {
    served = StoreGateway.start(directory);
    store = served.store();
    server = served.tftp();
  }

  @AfterAll
  static void stopGateway() {
    served.close();
  }
}
