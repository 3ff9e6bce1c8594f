package io.proxytftp.http.admin;

import com.github.benmanes.caffeine.cache.Ticker;
import io.proxytftp.cache.ContentCache;
import io.proxytftp.cluster.ClusterCatalog;
import io.proxytftp.cluster.ClusterRegistry;
import io.proxytftp.config.AdminSettings;
import io.proxytftp.config.GatewayConfig;
import io.proxytftp.identity.IdentityService;
import io.proxytftp.index.DeviceIndex;
import io.proxytftp.password.LoginThrottle;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.URIUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin REST API under {@value #PREFIX}, JSON in and out: the Cluster View, the device index,
 * the cache, the gateway's identity. Every request must carry the configured credentials (a
 * bearer token or HTTP basic); without credentials configured the API is off altogether, so a
 * fresh install never exposes it. It runs on the admin listener only. An address that keeps
 * failing to log in is locked out for longer and longer ({@link LoginThrottle}) and told so with
 * 429 and {@code Retry-After}, without a thread ever waiting. A change from another site, or with
 * a body that is not JSON, is refused ({@link CrossSiteGuard}), and a body is read only up to
 * {@link AdminBody#MAX}.
 */
public final class AdminApiHandler extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(AdminApiHandler.class);

  static final String PREFIX = "/api/v1";

  private final AdminSettings settings;
  private final AdminAuthenticator authenticator;
  private final LoginThrottle throttle = new LoginThrottle(Ticker.systemTicker());
  private final ClustersResource clusters;
  private final DevicesResource devices;
  private final CacheResource cache;
  private final GatewayResource gateway;

  @Inject
  public AdminApiHandler(GatewayConfig config, ClusterCatalog catalog, ClusterRegistry registry, DeviceIndex index,
      ContentCache contentCache, IdentityService identity) {
    this.settings = config.admin();
    this.authenticator = new AdminAuthenticator(settings);
    this.clusters = new ClustersResource(catalog, registry, index, config);
    this.devices = new DevicesResource(index, catalog);
    this.cache = new CacheResource(contentCache);
    this.gateway = new GatewayResource(config, identity, catalog);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = request.getHttpURI().getPath();
    if (!path.equals(PREFIX) && !path.startsWith(PREFIX + "/")) {
      return false;
    }
    send(response, callback, reply(request, path));
    return true;
  }

  private AdminReply reply(Request request, String path) {
    if (!settings.configured()) {
      return AdminReply.error(404, "the admin API is off: configure admin.token, or admin.username and admin.password");
    }
    InetAddress client = ((InetSocketAddress) request.getConnectionMetaData().getRemoteSocketAddress()).getAddress();
    Duration locked = throttle.lockRemaining(client);
    if (!locked.isZero()) {
      return tooManyFailures(locked);
    }
    Optional<AdminReply> foreign = CrossSiteGuard.foreignOrigin(request);
    if (foreign.isPresent()) {
      return foreign.get();
    }
    String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    if (!authenticator.permits(authorization)) {
      if (authorization != null) {
        throttle.failed(client); // a request without credentials guesses nothing
      }
      AdminReply refused = AdminReply.error(401, authorization == null ? "credentials required" : "wrong credentials");
      return new AdminReply(401, refused.contentType(), refused.body(),
          Map.of(HttpHeader.WWW_AUTHENTICATE.asString(), authenticator.challenge()));
    }
    throttle.succeeded(client);
    Optional<AdminReply> notJson = CrossSiteGuard.notJson(request);
    if (notJson.isPresent()) {
      return notJson.get();
    }
    try {
      AdminRequest admin = new AdminRequest(request.getMethod(), segments(path), query(request), AdminBody.read(request));
      return route(admin);
    } catch (AdminBody.TooLargeException e) {
      return AdminBody.tooLarge(e);
    } catch (AdminRequestException e) {
      return AdminReply.error(400, e.getMessage());
    } catch (IOException e) {
      return AdminReply.error(400, "cannot read the request body: " + e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("admin request {} {} failed", request.getMethod(), path, e);
      return AdminReply.error(500, "internal error: " + e.getMessage());
    }
  }

  /** 429 while an address is locked out after failed logins; credentials are not even looked at. */
  private static AdminReply tooManyFailures(Duration locked) {
    long seconds = Math.max(1, (locked.toMillis() + 999) / 1000);
    AdminReply refused = AdminReply.error(429, "too many failed logins from this address; retry after " + seconds + "s");
    return new AdminReply(429, refused.contentType(), refused.body(),
        Map.of(HttpHeader.RETRY_AFTER.asString(), Long.toString(seconds)));
  }

  private AdminReply route(AdminRequest request) throws AdminRequestException {
    return switch (request.segment(0).orElse("")) {
      case "info" -> gateway.info(request);
      case "certificate" -> gateway.certificate(request);
      case "clusters" -> clusters.handle(request);
      case "devices" -> devices.handle(request);
      case "cache" -> cache.handle(request);
      default -> AdminReply.notFound("resource");
    };
  }

  private static List<String> segments(String path) {
    List<String> segments = new ArrayList<>();
    for (String segment : path.substring(PREFIX.length()).split("/")) {
      if (!segment.isEmpty()) {
        segments.add(URIUtil.decodePath(segment));
      }
    }
    return segments;
  }

  private static Map<String, String> query(Request request) {
    Map<String, String> query = new LinkedHashMap<>();
    Fields fields = Request.extractQueryParameters(request);
    fields.forEach(field -> query.put(field.getName(), field.getValue()));
    return query;
  }

  private static void send(Response response, Callback callback, AdminReply reply) {
    response.setStatus(reply.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    reply.headers().forEach((name, value) -> response.getHeaders().put(name, value));
    response.write(true, ByteBuffer.wrap(reply.body()), callback);
  }
}
