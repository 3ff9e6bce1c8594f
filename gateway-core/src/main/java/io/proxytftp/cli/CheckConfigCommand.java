package io.proxytftp.cli;

import io.proxytftp.config.ConfigException;
import io.proxytftp.config.ConfigLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Validates a configuration file without starting anything: exit 0 when valid, 1 with the errors. */
@Command(name = "check-config", mixinStandardHelpOptions = true, description = "Validate a configuration file and print every problem found.")
final class CheckConfigCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE", description = "the YAML configuration")
  Path file;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    try {
      ConfigLoader.load(file);
      spec.commandLine().getOut().println(file + ": valid");
      return 0;
    } catch (ConfigException e) {
      e.problems().forEach(problem -> spec.commandLine().getErr().println(problem));
      return 1;
    }
  }
}
