package io.proxytftp.tftp.server;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Singleton;
import io.proxytftp.plugin.GatewayPlugin;
import io.proxytftp.plugin.GatewayServices;

/** Installs the TFTP server: read-only TFTP (RFC 1350, 2347-2349, 7440) on Apache MINA UDP. */
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
        bind(TftpServer.class).in(Singleton.class);
        GatewayServices.binder(binder()).addBinding().to(TftpServer.class);
      }
    };
  }
}
