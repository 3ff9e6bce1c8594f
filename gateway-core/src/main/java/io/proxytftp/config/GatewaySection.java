package io.proxytftp.config;

import java.nio.file.Path;

/** Reads the {@code gateway} section: the gateway's name and folders. */
final class GatewaySection {
  private static final TextRule ID =
      new TextRule(
          1,
          64,
          c -> TextRule.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_',
          "use only letters, digits, '.', '-' and '_'");
  private static final Path PLACEHOLDER = Path.of("");

  private GatewaySection() {}

  /**
   * @param configFolder the configuration file's folder, against which relative paths resolve
   */
  static GatewaySettings read(MappingReader gateway, Path configFolder) {
    ValueParser<Path> folder = PathValues.path(configFolder);
    String id = gateway.required("id", "", ID);
    Path dataDirectory = gateway.required("data-directory", PLACEHOLDER, folder);
    Path defaultStore = dataDirectory.resolve("store");
    Path localStore = gateway.optional("local-store", defaultStore, PathValues.existingFolder(configFolder, defaultStore));
    gateway.finish();
    return new GatewaySettings(id, dataDirectory, localStore);
  }
}
