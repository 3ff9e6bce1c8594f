package io.proxytftp.lifecycle;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.proxytftp.cache.ContentCache;
import io.proxytftp.cluster.ClusterCatalog;
import io.proxytftp.cluster.ClusterRegistry;
import io.proxytftp.cluster.HostResolver;
import io.proxytftp.cluster.JdkHostResolver;
import io.proxytftp.cluster.UpstreamHealth;
import io.proxytftp.config.CacheSettings;
import io.proxytftp.config.GatewayConfig;
import io.proxytftp.config.GatewaySettings;
import io.proxytftp.config.Limits;
import io.proxytftp.config.Listeners;
import io.proxytftp.config.SigningSettings;
import io.proxytftp.config.UpstreamSettings;
import io.proxytftp.identity.IdentityService;
import io.proxytftp.identity.InstanceToken;
import io.proxytftp.index.DeviceIndex;
import io.proxytftp.plugin.GatewayServices;
import io.proxytftp.resolve.FileResolver;
import io.proxytftp.resolve.Namesakes;
import io.proxytftp.resolve.ProxyFileResolver;
import io.proxytftp.signing.DefaultTrustList;
import io.proxytftp.signing.GatewaySigner;
import io.proxytftp.signing.SigningCache;
import io.proxytftp.store.LocalStore;
import io.proxytftp.upstream.ClusterHops;
import io.proxytftp.upstream.UpstreamFetcher;
import io.proxytftp.upstream.UpstreamSearch;
import java.time.Clock;

/**
 * The core's bindings: the configuration and its parts, the data directory, the clock, metrics,
 * the worker pool, the gateway's instance token, identity and signing, the content cache, the remote clusters with
 * their upstream health, the device index and the file resolver. Binds only; nothing here opens a
 * file or a thread.
 *
 * <p>Services start in the order bound here (the data directory's lock and check first, then the
 * workers) and stop in reverse, before which every plugin's services have stopped.
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
    bind(DataDirectory.class).in(Singleton.class);
    bind(WorkerPool.class).in(Singleton.class);
    bind(InstanceToken.class).in(Singleton.class);
    bind(IdentityService.class).in(Singleton.class);
    bind(ContentCache.class).in(Singleton.class);
    bind(HostResolver.class).to(JdkHostResolver.class).in(Singleton.class);
    bind(ClusterCatalog.class).in(Singleton.class);
    bind(ClusterRegistry.class).in(Singleton.class);
    bind(UpstreamHealth.class).in(Singleton.class);
    bind(DeviceIndex.class).in(Singleton.class);
    bind(UpstreamSearch.class).in(Singleton.class);
    // One instance for the loop guard (asked side) and the search (asking side): one warning per namesake.
    bind(Namesakes.class).in(Singleton.class);
    bind(ClusterHops.class).to(Namesakes.class);
    bind(GatewaySigner.class).in(Singleton.class);
    bind(DefaultTrustList.class).in(Singleton.class);
    bind(SigningCache.class).in(Singleton.class);
    bind(FileResolver.class).to(ProxyFileResolver.class).in(Singleton.class);
    // Declared here so that a gateway without fetcher plugins still has the (empty) set.
    Multibinder.newSetBinder(binder(), UpstreamFetcher.class);
    GatewayServices.binder(binder()).addBinding().to(DataDirectory.class);
    GatewayServices.binder(binder()).addBinding().to(WorkerPool.class);
    GatewayServices.binder(binder()).addBinding().to(InstanceToken.class);
    GatewayServices.binder(binder()).addBinding().to(IdentityService.class);
    GatewayServices.binder(binder()).addBinding().to(ContentCache.class);
    GatewayServices.binder(binder()).addBinding().to(ClusterCatalog.class);
    GatewayServices.binder(binder()).addBinding().to(ClusterRegistry.class);
    GatewayServices.binder(binder()).addBinding().to(DeviceIndex.class);
  }

  @Provides
  Listeners listeners() {
    return config.listeners();
  }

  @Provides
  GatewaySettings gateway() {
    return config.gateway();
  }

  @Provides
  UpstreamSettings upstream() {
    return config.upstream();
  }

  @Provides
  SigningSettings signing() {
    return config.signing();
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
