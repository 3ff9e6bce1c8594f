package io.proxytftp.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Who this gateway is and where it keeps its files.
 *
 * @param id the gateway's name; it names the gateway's certificate and appears in logs
 * @param dataDirectory where the gateway keeps what it creates (cache, index, keys, instance token)
 * @param localStore the gateway's own files, served before any remote cluster is asked
 */
public record GatewaySettings(String id, Path dataDirectory, Path localStore) {
  public GatewaySettings {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    Objects.requireNonNull(localStore, "localStore");
  }
}
