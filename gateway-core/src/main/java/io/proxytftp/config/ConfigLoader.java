package io.proxytftp.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads and validates the gateway's YAML configuration file as a whole, so that a deployment either
 * starts with a configuration known to be complete or is told, all at once and with line and
 * column, everything that is wrong with it.
 *
 * <p>The YAML is composed into a node tree rather than bound to objects, which keeps every value's
 * position for error messages and leaves no room for YAML to instantiate types. The composer is
 * limited against "YAML bombs": few aliases of collections and at most {@value #MAX_CODE_POINTS}
 * code points. Any value may refer to environment variables as {@code ${NAME}} or {@code
 * ${NAME:-default}}; relative paths are resolved against the file's folder.
 */
public final class ConfigLoader {
  /** A configuration is a few kilobytes; a megabyte is an error or an attack. */
  static final int MAX_CODE_POINTS = 1024 * 1024;

  /** Enough for an anchor shared by a few clusters, far too few for exponential expansion. */
  static final int MAX_ALIASES_FOR_COLLECTIONS = 20;

  private ConfigLoader() {}

  /**
   * Reads a UTF-8 configuration file, substituting variables from the process environment.
   *
   * @throws ConfigException with every problem found, including a file that cannot be read
   */
  public static GatewayConfig load(Path file) throws ConfigException {
    return parse(read(file), file, System::getenv);
  }

  /**
   * Reads a configuration from text.
   *
   * @param source the file the text came from; names it in problems and anchors relative paths
   * @param environment looks a variable up by name; returns null when it is not set
   * @throws ConfigException with every problem found
   */
  public static GatewayConfig parse(String yaml, Path source, Function<String, String> environment)
      throws ConfigException {
    Problems problems = new Problems(source);
    MappingReader root =
        MappingReader.root(
            compose(yaml, problems), problems, new EnvironmentSubstitution(environment));
    Path configFolder = source.toAbsolutePath().getParent();
    Optional<GatewaySettings> gateway =
        root.requiredMapping("gateway").map(section -> GatewaySection.read(section, configFolder));
    Listeners listeners = ListenersSection.read(root.mapping("listeners"));
    Limits limits = LimitsSection.read(root.mapping("limits"));
    CacheSettings caches = CachesSection.read(root.mapping("caches"));
    UpstreamSettings upstream = UpstreamSection.read(root.mapping("upstream"));
    IdentitySource identity = IdentitySection.read(root.mapping("identity"), configFolder);
    SigningSettings signing = SigningSection.read(root.mapping("signing"));
    AdminSettings admin = AdminSection.read(root.mapping("admin"));
    SftpSettings sftp = SftpSection.read(root.mapping("sftp"));
    List<RemoteCluster> remoteClusters =
        RemoteClustersSection.read(root.sequence("remote-clusters"), configFolder);
    root.finish();
    problems.throwIfAny();
    // Without problems, the required gateway section was present.
    return new GatewayConfig(
        source, gateway.orElseThrow(), listeners, limits, caches, upstream, identity, signing, admin, sftp,
        remoteClusters);
  }

  /**
   * Reads one remote cluster on its own, in the terms of a {@code remote-clusters} item: the admin
   * API's request bodies (JSON is YAML too). Variables are not substituted: a request must not
   * read the gateway's environment.
   *
   * @param source names the text in problems
   * @param folder against which a certificate path resolves
   * @throws ConfigException with every problem found, fields named from the cluster's root
   */
  public static RemoteCluster parseCluster(String text, Path source, Path folder) throws ConfigException {
    Problems problems = new Problems(source);
    MappingReader root =
        MappingReader.root(compose(text, problems), problems, new EnvironmentSubstitution(name -> null));
    RemoteCluster cluster = RemoteClustersSection.one(root, folder);
    problems.throwIfAny();
    return cluster;
  }

  /**
   * Reads a file that holds only {@code remote-clusters}, as {@link ClusterDocument#yaml} writes it
   * (the admin API's saved Cluster View).
   */
  public static List<RemoteCluster> loadClusters(Path file) throws ConfigException {
    Problems problems = new Problems(file);
    MappingReader root =
        MappingReader.root(compose(read(file), problems), problems, new EnvironmentSubstitution(name -> null));
    List<RemoteCluster> clusters =
        RemoteClustersSection.read(root.sequence("remote-clusters"), file.toAbsolutePath().getParent());
    root.finish();
    problems.throwIfAny();
    return clusters;
  }

  private static String read(Path file) throws ConfigException {
    Problems problems = new Problems(file);
    try {
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      problems.addForWholeFile("(file)", "no such file");
    } catch (AccessDeniedException e) {
      problems.addForWholeFile("(file)", "permission denied");
    } catch (CharacterCodingException e) {
      problems.addForWholeFile("(file)", "not UTF-8 text");
    } catch (IOException e) {
      problems.addForWholeFile("(file)", "cannot be read: " + e.getMessage());
    }
    throw problems.exception();
  }

  /** The document's node tree, null for an empty document; a syntax error is thrown at once. */
  private static Node compose(String yaml, Problems problems) throws ConfigException {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_ALIASES_FOR_COLLECTIONS);
    options.setCodePointLimit(MAX_CODE_POINTS);
    // Duplicate keys are found while reading: composing does not look for them.
    try {
      return new Yaml(options).compose(new StringReader(yaml));
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      if (mark == null) {
        problems.addForWholeFile("(yaml)", syntaxMessage(e));
      } else {
        problems.add(mark, "(yaml)", syntaxMessage(e));
      }
    } catch (YAMLException e) {
      problems.addForWholeFile("(yaml)", e.getMessage());
    }
    throw problems.exception();
  }

  private static String syntaxMessage(MarkedYAMLException e) {
    Mark context = e.getContextMark();
    if (e.getContext() == null || context == null) {
      return e.getProblem();
    }
    return e.getContext()
        + " (line "
        + (context.getLine() + 1)
        + ", column "
        + (context.getColumn() + 1)
        + "): "
        + e.getProblem();
  }
}
