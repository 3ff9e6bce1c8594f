package io.proxytftp.cli;

import picocli.CommandLine;

/** The {@code proxytftp} command's entry point. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with its subcommands, for tests that run it in process. */
  public static CommandLine commandLine() {
    return new CommandLine(new ProxyTftpCommand());
  }
}
