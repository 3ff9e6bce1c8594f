package io.proxytftp.config;

import io.proxytftp.config.TftpService.AddressMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the {@code remote-clusters} list, applying the Cluster View's rules for cluster ids,
 * descriptions and fully qualified names.
 */
final class RemoteClustersSection {
  private static final TextRule CLUSTER_ID =
      new TextRule(
          1,
          50,
          c -> TextRule.isLetterOrDigit(c) || c == '.' || c == '-',
          "use only letters, digits, '.' and '-'");
  private static final String DESCRIPTION_FORBIDDEN = "\"<>\\-&%";
  private static final TextRule DESCRIPTION =
      new TextRule(
          0, 128, c -> DESCRIPTION_FORBIDDEN.indexOf(c) < 0, "none of \" < > \\ - & % may be used");
  private static final TextRule FULLY_QUALIFIED_NAME =
      new TextRule(
          0,
          50,
          c -> TextRule.isLetterOrDigit(c) || c == '.' || c == '-' || c == '*' || c == ' ',
          "use only letters, digits, '.', '-', '*' and space");

  private RemoteClustersSection() {}

  static List<RemoteCluster> read(List<MappingReader> clusters) {
    List<RemoteCluster> result = new ArrayList<>();
    Map<String, String> pathsByLowerCaseId = new HashMap<>();
    for (MappingReader cluster : clusters) {
      RemoteCluster read = cluster(cluster);
      if (!read.clusterId().isEmpty()) {
        String earlier =
            pathsByLowerCaseId.putIfAbsent(
                read.clusterId().toLowerCase(Locale.ROOT), cluster.path());
        if (earlier != null) {
          cluster.report(
              "cluster-id",
              "cluster id '"
                  + read.clusterId()
                  + "' is already used by "
                  + earlier
                  + " (cluster ids are compared ignoring case)");
        }
      }
      result.add(read);
    }
    return result;
  }

  private static RemoteCluster cluster(MappingReader cluster) {
    String clusterId = cluster.required("cluster-id", "", CLUSTER_ID);
    String description = cluster.optional("description", "", DESCRIPTION);
    String fullyQualifiedName = cluster.optional("fully-qualified-name", "", FULLY_QUALIFIED_NAME);
    RemoteServices services = RemoteServicesSection.read(cluster.mapping("services"));
    TftpService tftp = services.tftp();
    if (tftp.enabled()
        && tftp.addressMode() == AddressMode.AUTOMATIC
        && fullyQualifiedName.isEmpty()
        && !cluster.refused("fully-qualified-name")) {
      cluster.report(
          "fully-qualified-name",
          "required when services.tftp.addresses is automatic: the TFTP addresses are looked up by"
              + " this name");
    }
    cluster.finish();
    return new RemoteCluster(clusterId, description, fullyQualifiedName, services);
  }
}
