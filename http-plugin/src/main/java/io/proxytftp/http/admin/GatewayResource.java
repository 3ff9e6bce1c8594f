package io.proxytftp.http.admin;

import io.proxytftp.cluster.ClusterCatalog;
import io.proxytftp.config.GatewayConfig;
import io.proxytftp.identity.GatewayIdentity;
import io.proxytftp.identity.IdentityService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the gateway is: its id and release, its identity, and its TFTP certificate for import into
 * the home clusters, as the vendor's Proxy TFTP has its own certificate exported.
 */
final class GatewayResource {
  private final GatewayConfig config;
  private final IdentityService identity;
  private final ClusterCatalog catalog;

  GatewayResource(GatewayConfig config, IdentityService identity, ClusterCatalog catalog) {
    this.config = config;
    this.identity = identity;
    this.catalog = catalog;
  }

  AdminReply info(AdminRequest request) {
    if (!request.method().equals("GET")) {
      return AdminReply.methodNotAllowed(List.of("GET"));
    }
    GatewayIdentity current = identity.identity();
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("id", config.gateway().id());
    info.put("release", release());
    info.put("clusters", catalog.clusters().size());
    info.put("clusters-source", catalog.source());
    info.put("certificate", Map.of(
        "subject", current.certificate().getSubjectX500Principal().getName(),
        "sha256", current.fingerprint(),
        "not-after", current.certificate().getNotAfter().toInstant().toString()));
    return AdminReply.json(200, info);
  }

  /** {@code ?format=pem} (the default) or {@code der}. */
  AdminReply certificate(AdminRequest request) {
    if (!request.method().equals("GET")) {
      return AdminReply.methodNotAllowed(List.of("GET"));
    }
    GatewayIdentity current = identity.identity();
    return switch (request.query().getOrDefault("format", "pem").toLowerCase(Locale.ROOT)) {
      case "pem" -> AdminReply.text("application/x-pem-file", current.certificatePem());
      case "der" -> new AdminReply(200, "application/pkix-cert", current.certificateDer(), Map.of());
      default -> AdminReply.error(400, "format must be pem or der");
    };
  }

  /** The version Maven writes into the core's manifest; a development build has none. */
  private static String release() {
    String version = GatewayConfig.class.getPackage().getImplementationVersion();
    return version == null ? "development build" : version;
  }
}
