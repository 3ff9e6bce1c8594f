package io.proxytftp.tftp.server;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import io.proxytftp.config.Limits;
import io.proxytftp.plugin.GatewayPlugin;
import io.proxytftp.plugin.GatewayServices;
import io.proxytftp.tftp.upstream.TftpFetcher;
import io.proxytftp.tftp.upstream.TftpFetcherSettings;
import io.proxytftp.upstream.UpstreamFetcher;

/**
 * Installs the TFTP server, read-only TFTP (RFC 1350, 2347-2349, 7440) on Apache MINA UDP, and the
 * TFTP client that fetches files from remote clusters' TFTP services.
 */
public final class TftpPlugin implements GatewayPlugin {

  @Override
  public String name() {
    return "tftp";
  }

  @Override
  public Module module() {
    return new AbstractModule() {
      @Override
      protected void configure() {
        // The fetcher is bound first so that it stops last: a stopping server's requests in
        // flight may still need it.
        bind(TftpFetcher.class).in(Singleton.class);
        GatewayServices.binder(binder()).addBinding().to(TftpFetcher.class);
        Multibinder.newSetBinder(binder(), UpstreamFetcher.class).addBinding().to(TftpFetcher.class);
        bind(TftpServer.class).in(Singleton.class);
        GatewayServices.binder(binder()).addBinding().to(TftpServer.class);
      }

      @Provides
      @Singleton
      TftpFetcherSettings fetcherSettings(Limits limits) {
        return TftpFetcherSettings.forLimits(limits);
      }
    };
  }
}
