package io.proxytftp.http;

import io.proxytftp.config.GatewayConfig;
import io.proxytftp.testing.RunningGateway;
import io.proxytftp.testing.TestConfigs;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * A running gateway serving a fresh local store under a test's directory, and a JDK HTTP client
 * for its phones' and admin listeners.
 */
final class HttpGateway implements AutoCloseable {
  private final Path store;
  private final RunningGateway gateway;
  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  private HttpGateway(Path store, RunningGateway gateway) {
    this.store = store;
    this.gateway = gateway;
  }

  static HttpGateway start(Path directory) throws Exception {
    return start(directory, UnaryOperator.identity());
  }

  /** A gateway on a test configuration changed by {@code adjust}. */
  static HttpGateway start(Path directory, UnaryOperator<GatewayConfig> adjust) throws Exception {
    Path store = Files.createDirectories(directory.resolve("store"));
    return new HttpGateway(store, RunningGateway.start(adjust.apply(TestConfigs.gateway(directory, store))));
  }

  RunningGateway gateway() {
    return gateway;
  }

  Path store() {
    return store;
  }

  HttpClient client() {
    return client;
  }

  /** Writes {@code size} seeded random bytes as {@code name} in the store. */
  byte[] write(String name, int size) throws IOException {
    byte[] content = new byte[size];
    new Random(name.hashCode()).nextBytes(content);
    Path file = store.resolve(name);
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    return content;
  }

  /** A URL on the phones' listener; {@code rawPath} is sent as written, escapes included. */
  URI phones(String rawPath) {
    return url("http", rawPath);
  }

  /** A URL on the admin listener. */
  URI admin(String path) {
    return url("admin", path);
  }

  private URI url(String listener, String rawPath) {
    InetSocketAddress address = gateway.address(listener);
    return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + rawPath);
  }

  /** A request builder for {@code uri} with {@code headers} given as name, value, name, value... */
  static HttpRequest.Builder request(URI uri, String... headers) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
    if (headers.length > 0) {
      builder.headers(headers);
    }
    return builder;
  }

  HttpResponse<byte[]> get(URI uri, String... headers) throws IOException, InterruptedException {
    return client.send(request(uri, headers).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<String> getText(URI uri, String... headers) throws IOException, InterruptedException {
    return client.send(request(uri, headers).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> send(String method, URI uri) throws IOException, InterruptedException {
    HttpRequest request = request(uri).method(method, HttpRequest.BodyPublishers.noBody()).build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    gateway.close();
  }
}
