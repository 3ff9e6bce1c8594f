package io.proxytftp.http.upstream;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import io.proxytftp.plugin.GatewayServices;
import io.proxytftp.upstream.UpstreamFetcher;

/**
 * Contributes the {@link HttpFetcher} to the core: one fetcher, offered to the upstream search as
 * the {@code http} scheme and run as a gateway service. The HTTP plugin installs it; installing it
 * before the plugin binds its own server makes the fetcher stop after the server, whose requests
 * in flight may still need it.
 */
public final class HttpFetcherModule extends AbstractModule {

  @Override
  protected void configure() {
    bind(HttpFetcher.class).in(Singleton.class);
    GatewayServices.binder(binder()).addBinding().to(HttpFetcher.class);
    Multibinder.newSetBinder(binder(), UpstreamFetcher.class).addBinding().to(HttpFetcher.class);
  }
}
