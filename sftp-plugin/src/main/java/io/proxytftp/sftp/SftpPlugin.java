package io.proxytftp.sftp;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Singleton;
import io.proxytftp.plugin.GatewayPlugin;
import io.proxytftp.plugin.GatewayServices;
import io.proxytftp.sftp.server.SftpServer;

/**
 * Installs the admins' SFTP view: a read-only SFTP server showing what the gateway holds and where
 * it came from (see {@link SftpServer}).
 */
public final class SftpPlugin implements GatewayPlugin {

  @Override
  public String name() {
    return "sftp";
  }

  @Override
  public Module module() {
    return new AbstractModule() {
      @Override
      protected void configure() {
        bind(SftpServer.class).in(Singleton.class);
        GatewayServices.binder(binder()).addBinding().to(SftpServer.class);
      }
    };
  }
}
