package io.proxytftp.cli;

import io.proxytftp.config.ConfigException;
import io.proxytftp.config.ConfigLoader;
import io.proxytftp.config.GatewayConfig;
import io.proxytftp.config.ListenerSettings;
import io.proxytftp.lifecycle.Gateway;
import io.proxytftp.lifecycle.GatewayFactory;
import io.proxytftp.plugin.GatewayPlugin;
import io.proxytftp.plugin.ListenerEndpoint;
import io.proxytftp.plugin.StartException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs gateways until the process is told to stop (SIGTERM, SIGINT): then transfers in flight get
 * each configuration's grace period, new requests are refused, and a stop that completes exits 0.
 *
 * <p>A start refused for a reason an admin must fix (see {@link StartException}) prints that
 * one line and exits 1; the gateways already started are stopped first, as on SIGTERM.
 *
 * <p>Several {@code --config} files run several gateways in one process, such as a proxy and the
 * demo clusters it fronts; they share nothing but the JVM.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the gateway (one per --config).")
final class ServeCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", required = true,
      description = "a YAML configuration; repeat to run several gateways in one process")
  List<Path> configFiles;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    List<GatewayConfig> configs = new ArrayList<>();
    boolean valid = true;
    for (Path file : configFiles) {
      try {
        configs.add(ConfigLoader.load(file));
      } catch (ConfigException e) {
        e.problems().forEach(problem -> spec.commandLine().getErr().println(problem));
        valid = false;
      }
    }
    if (!valid) {
      return 1;
    }
    List<GatewayPlugin> plugins = GatewayFactory.installedPlugins();
    List<Gateway> gateways = new ArrayList<>();
    StopSignals signals = new StopSignals();
    signals.install();
    Stop stop = new Stop(gateways, configs);
    // Any other end of the process (SIGHUP, a signal the JVM kept) still stops the gateways.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop.run("the JVM shutting down"), "shutdown"));
    PrintWriter out = spec.commandLine().getOut();
    for (GatewayConfig config : configs) {
      Gateway gateway = GatewayFactory.create(config, plugins);
      synchronized (gateways) {
        gateways.add(gateway);
      }
      try {
        gateway.start();
      } catch (Exception e) {
        synchronized (gateways) {
          gateways.remove(gateway); // stopped already, by its failed start
        }
        throw e;
      }
      printEndpoints(out, config, gateway, plugins);
    }
    stop.run(signals.await());
    return 0;
  }

  /** Stops every gateway once, however many ways ask; a second caller waits until the first is done. */
  private static final class Stop {
    private final List<Gateway> gateways;
    private final List<GatewayConfig> configs;
    private boolean done;

    Stop(List<Gateway> gateways, List<GatewayConfig> configs) {
      this.gateways = gateways;
      this.configs = configs;
    }

    synchronized void run(String cause) {
      if (done) {
        return;
      }
      done = true;
      synchronized (gateways) {
        if (gateways.isEmpty()) {
          return; // none started: nothing to say
        }
      }
      LOG.info("stopping ({})", cause);
      stopAll(gateways, configs);
      LOG.info("stopped");
    }
  }

  /** Stops every gateway at once, each with its own grace period. */
  private static void stopAll(List<Gateway> gateways, List<GatewayConfig> configs) {
    List<CompletableFuture<Void>> stopping = new ArrayList<>();
    synchronized (gateways) {
      for (int i = 0; i < gateways.size(); i++) {
        Gateway gateway = gateways.get(i);
        Duration grace = configs.get(i).limits().shutdownGrace();
        stopping.add(CompletableFuture.runAsync(() -> gateway.stop(grace)));
      }
    }
    stopping.forEach(CompletableFuture::join);
  }

  private static void printEndpoints(PrintWriter out, GatewayConfig config, Gateway gateway, List<GatewayPlugin> plugins) {
    out.printf("proxytftp %s serving (plugins: %s)%n", config.gateway().id(),
        String.join(", ", plugins.stream().map(GatewayPlugin::name).toList()));
    List<ListenerEndpoint> endpoints = gateway.endpoints();
    endpoints.forEach(endpoint -> out.printf("  %-5s %s%n", endpoint.listener(), endpoint.url()));
    enabledListeners(config).stream()
        .filter(listener -> endpoints.stream().noneMatch(endpoint -> endpoint.listener().equals(listener)))
        .forEach(listener -> out.printf("  %-5s enabled in the configuration, but not listening (the log says why)%n", listener));
    out.flush();
  }

  private static List<String> enabledListeners(GatewayConfig config) {
    Map<String, ListenerSettings> listeners = new LinkedHashMap<>();
    listeners.put("tftp", config.listeners().tftp());
    listeners.put("http", config.listeners().http());
    listeners.put("sftp", config.listeners().sftp());
    listeners.put("admin", config.listeners().admin());
    return listeners.entrySet().stream().filter(entry -> entry.getValue().enabled()).map(Map.Entry::getKey).toList();
  }
}
