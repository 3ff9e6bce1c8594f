package io.proxytftp.lifecycle;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.proxytftp.cluster.ClusterRegistry;
import io.proxytftp.cluster.HostResolver;
import io.proxytftp.cluster.JdkHostResolver;
import io.proxytftp.cluster.UpstreamHealth;
import io.proxytftp.config.CacheSettings;
import io.proxytftp.config.GatewayConfig;
import io.proxytftp.config.Limits;
import io.proxytftp.config.Listeners;
import io.proxytftp.config.UpstreamSettings;
import io.proxytftp.plugin.GatewayServices;
import io.proxytftp.resolve.FileResolver;
import io.proxytftp.resolve.LocalFileResolver;
import io.proxytftp.store.LocalStore;
import java.time.Clock;

/**
 * The core's bindings: the configuration and its parts, the clock, metrics, the worker pool, the
 * file resolver, and the remote clusters with their upstream health. Binds only; nothing here opens a file or a thread.
 */
public final class CoreModule extends AbstractModule {
  private final GatewayConfig config;

  public CoreModule(GatewayConfig config) {
    this.config = config;
  }

  @Override
  protected void configure() {
    bind(GatewayConfig.class).toInstance(config);
    bind(Clock.class).toInstance(Clock.systemUTC());
    bind(WorkerPool.class).in(Singleton.class);
    bind(FileResolver.class).to(LocalFileResolver.class).in(Singleton.class);
    GatewayServices.binder(binder()).addBinding().to(WorkerPool.class);
    bind(HostResolver.class).to(JdkHostResolver.class).in(Singleton.class);
    bind(ClusterRegistry.class).in(Singleton.class);
    GatewayServices.binder(binder()).addBinding().to(ClusterRegistry.class);
    bind(UpstreamHealth.class).in(Singleton.class);
  }

  @Provides
  Listeners listeners() {
    return config.listeners();
  }

  @Provides
  Limits limits() {
    return config.limits();
  }

  @Provides
  CacheSettings caches() {
    return config.caches();
  }

  @Provides
  UpstreamSettings upstream() {
    return config.upstream();
  }

  @Provides
  @Singleton
  LocalStore localStore() {
    return new LocalStore(config.gateway().localStore());
  }

  @Provides
  @Singleton
  PrometheusMeterRegistry prometheusRegistry() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  @Provides
  MeterRegistry meterRegistry(PrometheusMeterRegistry registry) {
    return registry;
  }
}
