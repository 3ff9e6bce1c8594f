package io.proxytftp.http.server;

import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Sends each request to the handler of the connector it arrived on, by the connector's name. This
 * is what keeps the admin API and metrics off the phones' port and phone files off the admin port:
 * a path only exists on the connector whose handler knows it; anything else is Jetty's 404.
 */
final class ConnectorRoutes extends Handler.AbstractContainer {
  private final Map<String, Handler> routes;

  ConnectorRoutes(Map<String, Handler> routes) {
    this.routes = Map.copyOf(routes);
    this.routes.values().forEach(this::addBean);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    Connector connector = request.getConnectionMetaData().getConnector();
    Handler handler = routes.get(connector.getName());
    return handler != null && handler.handle(request, response, callback);
  }

  @Override
  public List<Handler> getHandlers() {
    return List.copyOf(routes.values());
  }
}
