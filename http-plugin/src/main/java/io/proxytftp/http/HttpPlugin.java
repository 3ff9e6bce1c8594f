package io.proxytftp.http;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import io.proxytftp.http.server.AdminApi;
import io.proxytftp.http.server.HttpServer;
import io.proxytftp.plugin.GatewayPlugin;
import io.proxytftp.plugin.GatewayServices;
import org.eclipse.jetty.server.Handler;

/**
 * Installs the HTTP server: the phones' file service on {@code listeners.http} and the admin
 * listener's operations endpoints, with the {@link AdminApi} set through which the admin API joins
 * it.
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
        // Declared here so that the server has the (possibly empty) set of admin API handlers.
        Multibinder.newSetBinder(binder(), Handler.class, AdminApi.class);
        bind(HttpServer.class).in(Singleton.class);
        GatewayServices.binder(binder()).addBinding().to(HttpServer.class);
      }
    };
  }
}
