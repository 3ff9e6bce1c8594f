package io.proxytftp.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;

/** Collects the problems of one file while it is read, so that all of them are reported. */
final class Problems {
  private final Path file;
  private final List<ConfigProblem> found = new ArrayList<>();

  Problems(Path file) {
    this.file = file;
  }

  /** Records a problem at a position of the YAML text. */
  void add(Mark mark, String field, String message) {
    found.add(new ConfigProblem(file, mark.getLine() + 1, mark.getColumn() + 1, field, message));
  }

  /** Records a problem that concerns the file as a whole (line and column 0). */
  void addForWholeFile(String field, String message) {
    found.add(new ConfigProblem(file, 0, 0, field, message));
  }

  void throwIfAny() throws ConfigException {
    if (!found.isEmpty()) {
      throw exception();
    }
  }

  /** The problems found so far, in file order; there must be at least one. */
  ConfigException exception() {
    List<ConfigProblem> ordered = new ArrayList<>(found);
    ordered.sort(
        Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column));
    return new ConfigException(ordered);
  }
}
