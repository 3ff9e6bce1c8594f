package io.proxytftp.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the settings of one YAML mapping by key, recording every problem with its line, column and
 * field path instead of stopping at the first.
 *
 * <p>A setting that is absent, or written as YAML null ({@code key:} with nothing after it), takes
 * its default. A setting that is wrong is recorded as a problem and the fallback is returned so
 * that reading goes on; whoever reads must therefore not use the result when problems were found.
 * Every key asked for is remembered, so that {@link #finish()} can name the keys that are not part
 * of the schema. Scalar values pass through {@link EnvironmentSubstitution} before being parsed.
 */
final class MappingReader {
  private static final Mark START_OF_DOCUMENT = new Mark("document", 0, 0, 0, new int[0], 0);

  private final String path;
  private final Mark mark;
  private final Problems problems;
  private final EnvironmentSubstitution substitution;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
  private final Set<String> expected = new LinkedHashSet<>();
  private final Set<String> refused = new HashSet<>();

  private MappingReader(
      String path, Mark mark, Problems problems, EnvironmentSubstitution substitution) {
    this.path = path;
    this.mark = mark;
    this.problems = problems;
    this.substitution = substitution;
  }

  /**
   * A reader for a document's top level.
   *
   * @param document the composed document; null for an empty file, read as an empty mapping
   */
  static MappingReader root(
      Node document, Problems problems, EnvironmentSubstitution substitution) {
    if (document == null) {
      return new MappingReader("", START_OF_DOCUMENT, problems, substitution);
    }
    MappingReader root = new MappingReader("", document.getStartMark(), problems, substitution);
    if (document instanceof MappingNode mapping) {
      root.collect(mapping);
    } else {
      root.report(notAMapping(document));
    }
    return root;
  }

  /** The field path of this mapping, such as {@code remote-clusters[1].services}. */
  String path() {
    return path;
  }

  /** A required setting; reports "required" when it is absent or null. */
  <T> T required(String key, T fallback, ValueParser<T> parser) {
    Optional<Node> node = present(key);
    if (node.isEmpty()) {
      problems.add(mark, field(key), "required");
      return fallback;
    }
    return convert(key, node.get(), parser).orElse(fallback);
  }

  /** An optional setting; its default when absent or null, and its fallback when wrong. */
  <T> T optional(String key, T defaultValue, ValueParser<T> parser) {
    return present(key).flatMap(node -> convert(key, node, parser)).orElse(defaultValue);
  }

  int integer(String key, int min, int max, int defaultValue) {
    return optional(key, defaultValue, text -> Scalars.integer(text, min, max));
  }

  boolean bool(String key, boolean defaultValue) {
    return optional(key, defaultValue, Scalars::bool);
  }

  Duration duration(String key, Duration min, Duration max, Duration defaultValue) {
    return optional(key, defaultValue, text -> Scalars.duration(text, min, max));
  }

  long bytes(String key, long defaultValue) {
    return optional(key, defaultValue, Scalars::bytes);
  }

  /**
   * An optional section; when it is absent, null or not a mapping, an empty reader whose settings
   * all take their defaults.
   */
  MappingReader mapping(String key) {
    return present(key)
        .flatMap(node -> child(field(key), node))
        .orElseGet(() -> new MappingReader(field(key), mark, problems, substitution));
  }

  /**
   * A required section; reports "required" when it is absent or null, and gives nothing when it is
   * absent, null or not a mapping.
   */
  Optional<MappingReader> requiredMapping(String key) {
    Optional<Node> node = present(key);
    if (node.isEmpty()) {
      problems.add(mark, field(key), "required");
    }
    return node.flatMap(value -> child(field(key), value));
  }

  /**
   * An optional list of mappings, each read with its 0-based index: {@code key[i]}. Items that are
   * not mappings are reported and left out.
   */
  List<MappingReader> sequence(String key) {
    Optional<Node> node = present(key);
    if (node.isEmpty()) {
      return List.of();
    }
    if (!(node.get() instanceof SequenceNode sequence)) {
      problems.add(
          node.get().getStartMark(), field(key), "expected a list, got " + kind(node.get()));
      return List.of();
    }
    List<MappingReader> items = new ArrayList<>();
    List<Node> values = sequence.getValue();
    for (int index = 0; index < values.size(); index++) {
      child(field(key) + "[" + index + "]", values.get(index)).ifPresent(items::add);
    }
    return items;
  }

  /**
   * An optional list of single values, each converted by {@code parser}; {@code defaultValue} when
   * absent. Items that are refused are reported with their 0-based index and left out.
   */
  <T> List<T> strings(String key, List<T> defaultValue, ValueParser<T> parser) {
    Optional<Node> node = present(key);
    if (node.isEmpty()) {
      return defaultValue;
    }
    if (!(node.get() instanceof SequenceNode sequence)) {
      problems.add(node.get().getStartMark(), field(key), "expected a list, got " + kind(node.get()));
      refused.add(key);
      return defaultValue;
    }
    List<T> items = new ArrayList<>();
    List<Node> values = sequence.getValue();
    for (int index = 0; index < values.size(); index++) {
      convert(key, field(key) + "[" + index + "]", values.get(index), parser).ifPresent(items::add);
    }
    return items;
  }

  /**
   * Whether a problem was recorded for the setting's value, so that rules relating it to other
   * settings can stay silent rather than judge its fallback.
   */
  boolean refused(String key) {
    return refused.contains(key);
  }

  /** Records a problem with a setting, at its value if given, else at this mapping. */
  void report(String key, String message) {
    NodeTuple entry = entries.get(key);
    problems.add(entry == null ? mark : entry.getValueNode().getStartMark(), field(key), message);
  }

  /** Records a problem with this mapping as a whole. */
  void report(String message) {
    problems.add(mark, name(), message);
  }

  /** Reports every key that was never asked for, listing the keys that are. */
  void finish() {
    finish(key -> Optional.empty());
  }

  /**
   * Reports every key that was never asked for.
   *
   * @param hint for an unknown key, advice more specific than the list of known keys, if any
   */
  void finish(Function<String, Optional<String>> hint) {
    entries.forEach(
        (key, entry) -> {
          if (!expected.contains(key)) {
            String advice =
                hint.apply(key).orElse("expected one of: " + String.join(", ", expected));
            problems.add(
                entry.getKeyNode().getStartMark(),
                field(key),
                "unknown key '" + key + "'; " + advice);
          }
        });
  }

  /** A reader for a nested mapping, or nothing when the node is not a mapping (reported). */
  private Optional<MappingReader> child(String childPath, Node node) {
    if (!(node instanceof MappingNode mapping)) {
      problems.add(node.getStartMark(), childPath, notAMapping(node));
      return Optional.empty();
    }
    MappingReader reader =
        new MappingReader(childPath, node.getStartMark(), problems, substitution);
    reader.collect(mapping);
    return Optional.of(reader);
  }

  private static String notAMapping(Node node) {
    return "expected a mapping of keys to values, got " + kind(node);
  }

  /** Indexes the mapping's entries by key; SnakeYAML's composer does not refuse duplicates. */
  private void collect(MappingNode mapping) {
    for (NodeTuple entry : mapping.getValue()) {
      Node keyNode = entry.getKeyNode();
      if (!(keyNode instanceof ScalarNode scalarKey)) {
        problems.add(
            keyNode.getStartMark(), name(), "keys must be plain text, got " + kind(keyNode));
        continue;
      }
      String key = scalarKey.getValue();
      NodeTuple first = entries.putIfAbsent(key, entry);
      if (first != null) {
        Mark firstMark = first.getKeyNode().getStartMark();
        problems.add(
            keyNode.getStartMark(),
            field(key),
            "duplicate key '"
                + key
                + "'; first given at line "
                + (firstMark.getLine() + 1)
                + ", column "
                + (firstMark.getColumn() + 1));
      }
    }
  }

  private Optional<Node> present(String key) {
    expected.add(key);
    NodeTuple entry = entries.get(key);
    if (entry == null || entry.getValueNode().getTag().equals(Tag.NULL)) {
      return Optional.empty();
    }
    return Optional.of(entry.getValueNode());
  }

  private <T> Optional<T> convert(String key, Node node, ValueParser<T> parser) {
    return convert(key, field(key), node, parser);
  }

  /** Converts a value; a refused one is reported as {@code shownAs} and marks {@code key} refused. */
  private <T> Optional<T> convert(String key, String shownAs, Node node, ValueParser<T> parser) {
    try {
      if (!(node instanceof ScalarNode scalar)) {
        throw new InvalidValueException("expected a single value, got " + kind(node));
      }
      return Optional.of(parser.parse(substitution.apply(scalar.getValue())));
    } catch (InvalidValueException e) {
      problems.add(node.getStartMark(), shownAs, e.getMessage());
      refused.add(key);
      return Optional.empty();
    }
  }

  /** This mapping's path as shown to an admin. */
  private String name() {
    return path.isEmpty() ? "(document)" : path;
  }

  private String field(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static String kind(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    return node.getTag().equals(Tag.NULL)
        ? "nothing"
        : "\"" + ((ScalarNode) node).getValue() + "\"";
  }
}
