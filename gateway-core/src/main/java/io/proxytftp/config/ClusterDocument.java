package io.proxytftp.config;

import java.io.IOException;
import java.io.StringWriter;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A remote cluster written back in the configuration's own terms (the keys and values of {@code
 * remote-clusters} items), so that what the admin API shows, takes and stores reads exactly like
 * the YAML an admin writes, and goes through the same validation when read back.
 */
public final class ClusterDocument {
  private ClusterDocument() {}

  /** The cluster as the configuration would write it; a certificate is inlined as PEM. */
  public static Map<String, Object> toMap(RemoteCluster cluster) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("cluster-id", cluster.clusterId());
    map.put("description", cluster.description());
    map.put("fully-qualified-name", cluster.fullyQualifiedName());
    cluster.release().ifPresent(release -> map.put("release", release.text()));
    cluster.trust().certificate().ifPresent(certificate -> map.put("tftp-certificate", pem(certificate)));
    if (cluster.trust().resignUnverified()) {
      map.put("resign-unverified", true);
    }
    Map<String, Object> services = new LinkedHashMap<>();
    services.put("emcc", service(cluster.services().emcc()));
    services.put("pstn-access", service(cluster.services().pstnAccess()));
    services.put("rsvp-agent", service(cluster.services().rsvpAgent()));
    services.put("tftp", tftp(cluster.services().tftp()));
    map.put("services", services);
    return map;
  }

  /** A whole {@code remote-clusters} document, as {@link ConfigLoader#loadClusters} reads it. */
  public static String yaml(List<RemoteCluster> clusters) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setWidth(120);
    StringWriter out = new StringWriter();
    new Yaml(options).dump(Map.of("remote-clusters", clusters.stream().map(ClusterDocument::toMap).toList()), out);
    return out.toString();
  }

  private static Map<String, Object> service(RemoteService service) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("enabled", service.enabled());
    map.put("remote-activated", service.remoteActivated());
    addresses(map, service.addresses());
    return map;
  }

  private static Map<String, Object> tftp(TftpService tftp) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("enabled", tftp.enabled());
    map.put("remote-activated", tftp.remoteActivated());
    map.put("addresses", tftp.addressMode() == TftpService.AddressMode.AUTOMATIC ? "automatic" : "manual");
    tftp.httpPort().ifPresent(port -> map.put("http-port", port));
    addresses(map, tftp.addresses());
    return map;
  }

  private static void addresses(Map<String, Object> map, List<ServiceAddress> addresses) {
    for (int i = 0; i < addresses.size(); i++) {
      ServiceAddress address = addresses.get(i);
      String host = address.host().indexOf(':') >= 0 ? "[" + address.host() + "]" : address.host();
      map.put("address-" + (i + 1), host + ":" + address.port());
    }
  }

  private static String pem(X509Certificate certificate) {
    try {
      String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded());
      return "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n";
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("a parsed certificate can be encoded again", e);
    }
  }
}
