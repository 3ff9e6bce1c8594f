package io.proxytftp.cli;

import io.proxytftp.password.PasswordHash;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Prints the hash of a password for an {@code sftp.users[].password-hash}, so that the password
 * itself never has to be written into the configuration. Reads the password from the terminal
 * without echo (twice, to catch a typo), or its first line from standard input when that is not a
 * terminal, so scripts can pipe it in; never from the command line, where other users of the host
 * could see it.
 */
@Command(name = "hash-password", mixinStandardHelpOptions = true,
    description = "Read a password (no echo; or the first line of standard input) and print its "
        + PasswordHash.SCHEME + " hash for sftp.users[].password-hash.")
final class HashPasswordCommand implements Callable<Integer> {
  /** Passwords shorter than this are refused: the SFTP view exposes every cached file. */
  static final int MIN_LENGTH = 8;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    Console console = System.console();
    char[] password = console != null ? fromConsole(console) : fromStandardInput();
    if (password == null) {
      return 1;
    }
    try {
      if (password.length < MIN_LENGTH) {
        spec.commandLine().getErr().println("the password must have at least " + MIN_LENGTH + " characters");
        return 1;
      }
      spec.commandLine().getOut().println(PasswordHash.create(password).text());
      spec.commandLine().getOut().flush();
      return 0;
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private char[] fromConsole(Console console) {
    char[] first = console.readPassword("Password: ");
    char[] second = first == null ? null : console.readPassword("Again: ");
    if (first == null || second == null || !Arrays.equals(first, second)) {
      String problem = first == null || second == null ? "no password given" : "the passwords differ";
      spec.commandLine().getErr().println(problem);
      return null;
    }
    Arrays.fill(second, '\0');
    return first;
  }

  private char[] fromStandardInput() throws IOException {
    String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    if (line == null) {
      spec.commandLine().getErr().println("no password on standard input");
      return null;
    }
    return line.toCharArray();
  }
}
