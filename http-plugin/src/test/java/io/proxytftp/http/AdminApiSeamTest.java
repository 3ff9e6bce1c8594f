package io.proxytftp.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import io.proxytftp.http.server.AdminApi;
import io.proxytftp.lifecycle.Gateway;
import io.proxytftp.lifecycle.GatewayFactory;
import io.proxytftp.plugin.GatewayPlugin;
import io.proxytftp.plugin.ListenerEndpoint;
import io.proxytftp.testing.TestConfigs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seam the admin API plugs into: a handler another module adds to the {@link AdminApi} set
 * answers on the admin listener, after the operations endpoints, and never on the phones' one.
 */
class AdminApiSeamTest {
  @TempDir Path directory;
  Gateway gateway;
  final HttpClient client = HttpClient.newHttpClient();

  /** An admin API of one path, as the admin API plugin will add its own. */
  static final class InfoHandler extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      if (!"/api/v1/info".equals(Request.getPathInContext(request))) {
        return false;
      }
      Replies.send(response, callback, 200, Replies.JSON, "{\"id\":\"test\"}");
      return true;
    }
  }

  /** Another plugin's module adding to the set, as the admin API will. */
  static final class AdminApiPlugin implements GatewayPlugin {
    @Override
    public String name() {
      return "admin-api";
    }

    @Override
    public Module module() {
      return new AbstractModule() {
        @Override
        protected void configure() {
          Multibinder.newSetBinder(binder(), Handler.class, AdminApi.class).addBinding().to(InfoHandler.class);
        }
      };
    }
  }

  @BeforeEach
  void start() throws Exception {
    Path store = Files.createDirectories(directory.resolve("store"));
    gateway = GatewayFactory.create(TestConfigs.gateway(directory, store),
        List.of(new HttpPlugin(), new AdminApiPlugin()));
    gateway.start();
  }

  @AfterEach
  void stop() {
    gateway.stop(Duration.ZERO);
  }

  private HttpResponse<String> get(String listener, String path) throws Exception {
    String base = gateway.endpoints().stream()
        .filter(endpoint -> endpoint.listener().equals(listener))
        .map(ListenerEndpoint::url)
        .findFirst()
        .orElseThrow();
    return client.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void anAdminApiHandlerAnswersOnTheAdminListener() throws Exception {
    HttpResponse<String> response = get("admin", "/api/v1/info");

    assertEquals(200, response.statusCode());
    assertEquals("{\"id\":\"test\"}", response.body());
  }

  @Test
  void operationsAndTheFinal404StayAroundTheAdminApi() throws Exception {
    assertEquals(200, get("admin", "/health").statusCode());
    assertEquals(404, get("admin", "/api/v1/nothing-here").statusCode());
  }

  @Test
  void theAdminApiIsNotOnThePhonesListener() throws Exception {
    assertEquals(404, get("http", "/api/v1/info").statusCode());
  }
}
