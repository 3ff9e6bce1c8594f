package io.proxytftp.lifecycle;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import io.proxytftp.config.GatewayConfig;
import io.proxytftp.plugin.GatewayPlugin;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Assembles a {@link Gateway} from a configuration and the plugins on the class path. */
public final class GatewayFactory {
  private GatewayFactory() {}

  /** The plugins installed on the class path, found through {@link ServiceLoader}. */
  public static List<GatewayPlugin> installedPlugins() {
    List<GatewayPlugin> plugins = new ArrayList<>();
    ServiceLoader.load(GatewayPlugin.class).forEach(plugins::add);
    return List.copyOf(plugins);
  }

  /** Builds the object graph; nothing starts until {@link Gateway#start()}. */
  public static Gateway create(GatewayConfig config, List<GatewayPlugin> plugins) {
    return injector(config, plugins).getInstance(Gateway.class);
  }

  /** The object graph itself, for tests that look at what the gateway holds (metrics, stores). */
  public static Injector injector(GatewayConfig config, List<GatewayPlugin> plugins) {
    List<Module> modules = new ArrayList<>();
    modules.add(new CoreModule(config));
    plugins.forEach(plugin -> modules.add(plugin.module()));
    return Guice.createInjector(Stage.PRODUCTION, modules);
  }
}
