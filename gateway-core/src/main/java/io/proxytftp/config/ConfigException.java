package io.proxytftp.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration file that cannot be used, with every problem found in it, so that an admin can
 * fix them all in one pass instead of one restart per mistake.
 */
public final class ConfigException extends Exception {
  private final List<ConfigProblem> problems;

  /**
   * @param problems at least one problem, in the order an admin should read them
   */
  public ConfigException(List<ConfigProblem> problems) {
    super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a configuration exception needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, ordered by position in the file. */
  public List<ConfigProblem> problems() {
    return problems;
  }
}
