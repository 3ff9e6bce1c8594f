package io.proxytftp.cli;

import io.proxytftp.plugin.StartException;
import picocli.CommandLine;

/** The {@code proxytftp} command's entry point. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The command line with its subcommands, for tests that run it in process. A gateway that cannot
   * start for a reason the operator can fix says so in one line and exits 1; anything else keeps
   * its stack trace, for a bug report.
   */
  public static CommandLine commandLine() {
    return new CommandLine(new ProxyTftpCommand()).setExecutionExceptionHandler((failure, commandLine, parsed) -> {
      if (failure instanceof StartException) {
        commandLine.getErr().println(failure.getMessage());
        commandLine.getErr().flush();
        return 1;
      }
      throw failure;
    });
  }
}
