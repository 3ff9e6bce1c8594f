package io.proxytftp.cli;

import io.proxytftp.config.ConfigException;
import io.proxytftp.config.ConfigLoader;
import io.proxytftp.config.GatewayConfig;
import io.proxytftp.config.ListenerSettings;
import io.proxytftp.lifecycle.Gateway;
import io.proxytftp.lifecycle.GatewayFactory;
import io.proxytftp.plugin.GatewayPlugin;
import io.proxytftp.plugin.ListenerEndpoint;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs the gateway until the process is told to stop (SIGTERM, SIGINT): then transfers in flight
 * get the configured grace period and new requests are refused.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the gateway.")
final class ServeCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", required = true, description = "the YAML configuration")
  Path configFile;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    GatewayConfig config;
    try {
      config = ConfigLoader.load(configFile);
    } catch (ConfigException e) {
      e.problems().forEach(problem -> spec.commandLine().getErr().println(problem));
      return 1;
    }
    List<GatewayPlugin> plugins = GatewayFactory.installedPlugins();
    Gateway gateway = GatewayFactory.create(config, plugins);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("stopping: transfers in flight get {} ms", config.limits().shutdownGrace().toMillis());
      gateway.stop(config.limits().shutdownGrace());
      LOG.info("stopped");
      stopped.countDown();
    }, "shutdown"));
    gateway.start();
    out.printf("proxytftp %s serving (plugins: %s)%n", config.gateway().id(),
        String.join(", ", plugins.stream().map(GatewayPlugin::name).toList()));
    List<ListenerEndpoint> endpoints = gateway.endpoints();
    endpoints.forEach(endpoint -> out.printf("  %-5s %s%n", endpoint.listener(), endpoint.url()));
    enabledListeners(config).stream()
        .filter(listener -> endpoints.stream().noneMatch(endpoint -> endpoint.listener().equals(listener)))
        .forEach(listener -> out.printf("  %-5s enabled in the configuration, but no installed plugin serves it yet%n", listener));
    out.flush();
    stopped.await();
    return 0;
  }

  private static List<String> enabledListeners(GatewayConfig config) {
    Map<String, ListenerSettings> listeners = new LinkedHashMap<>();
    listeners.put("tftp", config.listeners().tftp());
    listeners.put("http", config.listeners().http());
    listeners.put("sftp", config.listeners().sftp());
    return listeners.entrySet().stream().filter(entry -> entry.getValue().enabled()).map(Map.Entry::getKey).toList();
  }
}
