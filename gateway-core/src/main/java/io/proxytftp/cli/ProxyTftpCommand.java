package io.proxytftp.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** The top-level command; the work is in its subcommands. */
@Command(
    name = "proxytftp",
    mixinStandardHelpOptions = true,
    versionProvider = ProxyTftpCommand.Version.class,
    description = "Proxy TFTP gateway: serves IP phones their files from its own store and from remote clusters.",
    subcommands = {ServeCommand.class, CheckConfigCommand.class, ExportCertCommand.class, InspectCommand.class,
        HashPasswordCommand.class})
final class ProxyTftpCommand implements Runnable {

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(),
        "a command is required (serve, check-config, export-cert, inspect, hash-password)");
  }

  /** Reads the version Maven writes into the jar's manifest. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = ProxyTftpCommand.class.getPackage().getImplementationVersion();
      return new String[] {"proxytftp " + (version == null ? "(development build)" : version)};
    }
  }
}
