package io.proxytftp.http;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import io.proxytftp.http.admin.AdminApiHandler;
import io.proxytftp.http.server.AdminApi;
import io.proxytftp.http.server.HttpServer;
import io.proxytftp.http.upstream.HttpFetcherModule;
import io.proxytftp.plugin.GatewayPlugin;
import io.proxytftp.plugin.GatewayServices;
import org.eclipse.jetty.server.Handler;

/**
 * Installs the HTTP side of the gateway: the fetcher that asks clusters over HTTP, the phones' file
 * service on {@code listeners.http}, and on the admin listener the operations endpoints and the
 * admin API (through the {@link AdminApi} set).
 */
public final class HttpPlugin implements GatewayPlugin {

  @Override
  public String name() {
    return "http";
  }

  @Override
  public Module module() {
    return new AbstractModule() {
      @Override
      protected void configure() {
        // The fetcher is installed first so that it stops last, after the server's requests.
        install(new HttpFetcherModule());
        Multibinder.newSetBinder(binder(), Handler.class, AdminApi.class).addBinding().to(AdminApiHandler.class);
        bind(AdminApiHandler.class).in(Singleton.class);
        bind(HttpServer.class).in(Singleton.class);
        GatewayServices.binder(binder()).addBinding().to(HttpServer.class);
      }
    };
  }
}
