package io.proxytftp.cli;

import io.proxytftp.config.ConfigException;
import io.proxytftp.config.ConfigLoader;
import io.proxytftp.config.GatewayConfig;
import io.proxytftp.identity.GatewayIdentity;
import io.proxytftp.identity.IdentityException;
import io.proxytftp.identity.IdentityLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Writes the gateway's TFTP certificate for import into the home clusters, the step for which the
 * vendor's Proxy TFTP has its own certificate exported. Creates the identity first if the gateway
 * has not yet started once, so a certificate can be imported before phones are moved behind the
 * gateway.
 */
@Command(name = "export-cert", mixinStandardHelpOptions = true,
    description = "Write the gateway's TFTP certificate (PEM or DER), creating the identity if needed.")
final class ExportCertCommand implements Callable<Integer> {

  /** The two encodings home clusters' certificate import accepts. */
  enum Format { PEM, DER }

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", required = true, description = "the gateway's YAML configuration")
  Path configFile;

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "PEM", converter = FormatConverter.class,
      description = "pem or der (default: ${DEFAULT-VALUE})")
  Format format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write here instead of standard output")
  Path output;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    GatewayConfig config;
    try {
      config = ConfigLoader.load(configFile);
    } catch (ConfigException e) {
      e.problems().forEach(problem -> spec.commandLine().getErr().println(problem));
      return 1;
    }
    GatewayIdentity identity;
    try {
      identity = IdentityLoader.load(config.identity(), config.gateway(), Clock.systemUTC());
    } catch (IdentityException e) {
      spec.commandLine().getErr().println(configFile + ": identity: " + e.getMessage());
      return 1;
    }
    if (output != null) {
      Files.write(output, format == Format.DER
          ? identity.certificateDer()
          : identity.certificatePem().getBytes(StandardCharsets.US_ASCII));
      spec.commandLine().getErr().println("wrote " + output + ": " + identity.certificate().getSubjectX500Principal().getName()
          + ", SHA-256 " + identity.fingerprint());
    } else if (format == Format.DER) {
      System.out.write(identity.certificateDer()); // binary: not through the command line's text writer
      System.out.flush();
    } else {
      spec.commandLine().getOut().print(identity.certificatePem());
      spec.commandLine().getOut().flush();
    }
    return 0;
  }

  /** Accepts pem and der in any case. */
  static final class FormatConverter implements ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      return Format.valueOf(value.toUpperCase(Locale.ROOT));
    }
  }
}
