package io.proxytftp.tftp.server;

import io.proxytftp.config.Limits;
import io.proxytftp.testing.RunningGateway;
import io.proxytftp.testing.TestConfigs;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** A running gateway serving a fresh local store under a test's directory. */
record StoreGateway(Path store, RunningGateway gateway, InetSocketAddress tftp) implements AutoCloseable {

  static StoreGateway start(Path directory) throws Exception {
    return start(directory, TestConfigs.limits());
  }

  static StoreGateway start(Path directory, Limits limits) throws Exception {
    Path store = Files.createDirectories(directory.resolve("store"));
    RunningGateway gateway = RunningGateway.start(
        TestConfigs.gateway(directory, store, InetAddress.getLoopbackAddress(), limits));
    return new StoreGateway(store, gateway, gateway.address("tftp"));
  }

  @Override
  public void close() {
    gateway.close();
  }
}
