package io.proxytftp.plugin;

import com.google.inject.Module;

/**
 * A unit of the gateway that is installed by being on the class path: the TFTP, HTTP and SFTP
 * front ends are plugins, found with {@link java.util.ServiceLoader} at start-up.
 *
 * <p>A plugin only contributes bindings. Its module must not open sockets or threads; work starts
 * when the container calls {@link GatewayService#start()} on the services it binds (through
 * {@link GatewayServices#binder(com.google.inject.Binder)}).
 */
public interface GatewayPlugin {

  /** A short name for logs and {@code --version}, such as {@code tftp}. */
  String name();

  /** The Guice module holding this plugin's bindings. */
  Module module();
}
