package io.proxytftp.config;

import io.proxytftp.config.TftpService.AddressMode;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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

  private static final TextRule RELEASE =
      new TextRule(
          1,
          50,
          c -> TextRule.isLetterOrDigit(c) || ".-_()".indexOf(c) >= 0,
          "use only letters, digits, '.', '-', '_', '(' and ')'");

  /**
   * @param configFolder the configuration file's folder, against which certificate paths resolve
   */
  static List<RemoteCluster> read(List<MappingReader> clusters, Path configFolder) {
    List<RemoteCluster> result = new ArrayList<>();
    Map<String, String> pathsByLowerCaseId = new HashMap<>();
    for (MappingReader cluster : clusters) {
      RemoteCluster read = one(cluster, configFolder);
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

  /** One cluster: an item of the list, or a cluster on its own (the admin API's). */
  static RemoteCluster one(MappingReader cluster, Path configFolder) {
    String clusterId = cluster.required("cluster-id", "", CLUSTER_ID);
    String description = cluster.optional("description", "", DESCRIPTION);
    String fullyQualifiedName = cluster.optional("fully-qualified-name", "", FULLY_QUALIFIED_NAME);
    RemoteServices services = RemoteServicesSection.read(cluster.mapping("services"));
    Optional<Release> release = cluster.optional("release", Optional.empty(), RemoteClustersSection::release);
    SignatureTrust trust = trust(cluster, configFolder);
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
    return new RemoteCluster(clusterId, description, fullyQualifiedName, services, release, trust);
  }

  private static Optional<Release> release(String text) throws InvalidValueException {
    String checked = RELEASE.parse(text);
    try {
      return Optional.of(new Release(checked));
    } catch (IllegalArgumentException e) {
      throw new InvalidValueException("must contain a version number, such as 14.0.1, got \"" + text + "\"");
    }
  }

  private static SignatureTrust trust(MappingReader cluster, Path configFolder) {
    ValueParser<X509Certificate> parser = RsaCertificates.pathOrPem(configFolder);
    Optional<X509Certificate> certificate = cluster.optional("tftp-certificate", Optional.empty(),
        text -> Optional.of(parser.parse(text)));
    boolean resignUnverified = cluster.bool("resign-unverified", false);
    if (certificate.isPresent() && resignUnverified) {
      cluster.report("resign-unverified",
          "must be false when tftp-certificate is given: files are then re-signed only when they verify");
      return new SignatureTrust(certificate, false);
    }
    return new SignatureTrust(certificate, resignUnverified);
  }
}
