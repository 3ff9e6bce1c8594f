package io.proxytftp.http.admin;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * Keeps web pages from driving the admin API through a browser that holds an admin's basic
 * credentials. A page may make the browser send a "simple" request, with a form's or plain-text
 * body and no preflight, anywhere; browsers mark such a request with its {@code Origin} and
 * {@code Sec-Fetch-Site}. So a change ({@code POST}, {@code PUT}, {@code DELETE}, {@code PATCH})
 * is refused when it comes from another origin, and a change's body must be
 * {@code application/json}, which no form can send. Clients that are not browsers (curl, scripts)
 * send neither header and are not affected; reading is not guarded, as a browser does not show a
 * foreign page the answer.
 */
final class CrossSiteGuard {
  private static final Set<String> CHANGES = Set.of("POST", "PUT", "DELETE", "PATCH");
  private static final Set<String> FOREIGN_FETCHES = Set.of("cross-site", "same-site");

  private CrossSiteGuard() {}

  /** 403 when a change comes from another site; checked before the credentials, so it costs the caller no login. */
  static Optional<AdminReply> foreignOrigin(Request request) {
    if (!CHANGES.contains(request.getMethod())) {
      return Optional.empty();
    }
    HttpFields headers = request.getHeaders();
    String fetchSite = headers.get("Sec-Fetch-Site");
    if (fetchSite != null && FOREIGN_FETCHES.contains(fetchSite.strip().toLowerCase(Locale.ROOT))) {
      return Optional.of(refused("the browser says it comes from " + fetchSite.strip()));
    }
    String origin = headers.get(HttpHeader.ORIGIN);
    String own = ownOrigin(request);
    if (origin != null && !own.equals(normalised(origin.strip()))) {
      return Optional.of(refused("its Origin " + origin.strip() + " is not " + own));
    }
    return Optional.empty();
  }

  /** 415 when a change carries anything but JSON (or declares another type with no body). */
  static Optional<AdminReply> notJson(Request request) {
    if (!CHANGES.contains(request.getMethod())) {
      return Optional.empty();
    }
    String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    boolean hasBody = request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    if (type == null ? !hasBody : isJson(type)) {
      return Optional.empty();
    }
    return Optional.of(AdminReply.error(415, "request bodies must be application/json"
        + (type == null ? ", and this one gave no Content-Type" : ", not " + type.strip())));
  }

  private static boolean isJson(String contentType) {
    int parameters = contentType.indexOf(';');
    String media = (parameters < 0 ? contentType : contentType.substring(0, parameters)).strip();
    return media.equalsIgnoreCase("application/json");
  }

  private static AdminReply refused(String why) {
    return AdminReply.error(403, "changes from another site are refused: " + why
        + ". Send them from a client that is not a browser, such as curl");
  }

  private static String ownOrigin(Request request) {
    return origin(request.getHttpURI().getScheme(), Request.getServerName(request), Request.getServerPort(request));
  }

  /** An origin as {@code scheme://host:port}, lower case with the port spelled out; "null" and junk stay foreign. */
  private static String normalised(String origin) {
    try {
      URI uri = new URI(origin);
      if (uri.getScheme() == null || uri.getHost() == null) {
        return origin;
      }
      int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
      return origin(uri.getScheme(), uri.getHost(), port);
    } catch (URISyntaxException notAnOrigin) {
      return origin;
    }
  }

  private static String origin(String scheme, String host, int port) {
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    return (scheme + "://" + bare + ":" + port).toLowerCase(Locale.ROOT);
  }
}
