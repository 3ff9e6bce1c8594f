package io.proxytftp.http.upstream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A cluster's HTTP file service for tests, as CUCM serves its TFTP files on port 6970: a real HTTP
 * server on a loopback port serving {@code GET /<name>} from a folder, 404 for what it lacks. Its
 * {@link Behaviour} switches it to the ways a server fails; a server told to wait does so until
 * the test releases it or the server closes.
 */
final class ClusterHttpServer implements AutoCloseable {

  /** How the server answers a file it has. */
  enum Behaviour {
    /** The whole file with its Content-Length. */
    SERVES,
    /** HTTP 500. */
    FAILS,
    /** HTTP 404, as from a cluster whose HTTP side lacks what its TFTP side has. */
    NOT_FOUND,
    /** Chunked, without a Content-Length; the connection closes after half the file. */
    BREAKS_OFF,
    /** A Content-Length 100 bytes longer than the file; the connection closes after the file. */
    WRONG_LENGTH,
    /** Sends nothing, not even the headers, until released. */
    SILENT,
    /** Headers and half the file, then nothing until released, then the rest. */
    STALLS
  }

  private final Path root;
  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final CountDownLatch release = new CountDownLatch(1);
  private final List<String> rawPaths = new CopyOnWriteArrayList<>();
  private final List<String> viaHeaders = new CopyOnWriteArrayList<>();
  private final AtomicInteger aborted = new AtomicInteger();
  private volatile Behaviour behaviour = Behaviour.SERVES;
  private volatile boolean breaksWhenReleased;
  private volatile String hop;

  private ClusterHttpServer(Path root) throws IOException {
    this.root = root;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Serves {@code root} on a free loopback port. */
  static ClusterHttpServer serving(Path root) throws IOException {
    return new ClusterHttpServer(root);
  }

  InetSocketAddress address() {
    return server.getAddress();
  }

  int port() {
    return server.getAddress().getPort();
  }

  void behave(Behaviour behaviour) {
    this.behaviour = behaviour;
  }

  /**
   * Makes {@link Behaviour#BREAKS_OFF} and {@link Behaviour#WRONG_LENGTH} keep the connection open,
   * what they send sent, until {@link #release}: so that a test knows the client has begun to take
   * the body in before it breaks, instead of guessing how soon the client gets there.
   */
  void breakWhenReleased() {
    breaksWhenReleased = true;
  }

  /** Answers every request as a proxytftp gateway named {@code hop} ({@code id#token}) does. */
  void namedAs(String hop) {
    this.hop = hop;
  }

  /** Lets a silent or stalled answer go on, and a held break happen. */
  void release() {
    release.countDown();
  }

  /** The request paths as they came, percent-encoded. */
  List<String> rawPaths() {
    return List.copyOf(rawPaths);
  }

  /** The loop-guard header of each request; an empty string where it was missing. */
  List<String> viaHeaders() {
    return List.copyOf(viaHeaders);
  }

  /** How many answers the client cut off while they were being sent. */
  int aborted() {
    return aborted.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    rawPaths.add(exchange.getRequestURI().getRawPath());
    String via = exchange.getRequestHeaders().getFirst(HttpFetcher.VIA_HEADER);
    viaHeaders.add(via == null ? "" : via);
    if (hop != null) {
      exchange.getResponseHeaders().set(HttpFetcher.HOP_HEADER, hop);
    }
    Path file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
    if (!file.startsWith(root) || !Files.isRegularFile(file)) {
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
      return;
    }
    byte[] content = Files.readAllBytes(file);
    OutputStream body = exchange.getResponseBody();
    answer(exchange, body, content);
    // Not closed when the answer throws: the server then drops the connection, where closing would
    // end a chunked body properly.
    body.close();
  }

  private void answer(HttpExchange exchange, OutputStream body, byte[] content) throws IOException {
    int half = content.length / 2;
    switch (behaviour) {
      case SERVES -> {
        exchange.sendResponseHeaders(200, content.length);
        body.write(content);
      }
      case FAILS -> exchange.sendResponseHeaders(500, -1);
      case NOT_FOUND -> exchange.sendResponseHeaders(404, -1);
      case BREAKS_OFF -> {
        exchange.sendResponseHeaders(200, 0);
        body.write(content, 0, half);
        body.flush();
        awaitReleaseIfHeld();
        throw new IOException("the test server breaks off"); // the server closes the connection
      }
      case WRONG_LENGTH -> {
        exchange.sendResponseHeaders(200, content.length + 100L);
        body.write(content);
        body.flush();
        awaitReleaseIfHeld();
        throw new IOException("the test server announced more than it has");
      }
      case SILENT -> {
        awaitRelease();
        exchange.sendResponseHeaders(200, content.length);
        body.write(content);
      }
      case STALLS -> {
        exchange.sendResponseHeaders(200, content.length);
        try {
          // The client may close while the first half is still being written, when it does not
          // fit in the socket's buffers: an abort either way.
          body.write(content, 0, half);
          body.flush();
          awaitRelease();
          body.write(content, half, content.length - half);
          body.flush();
        } catch (IOException cutOff) {
          aborted.incrementAndGet();
          throw cutOff;
        }
      }
    }
  }

  private void awaitReleaseIfHeld() throws IOException {
    if (breaksWhenReleased) {
      awaitRelease();
    }
  }

  private void awaitRelease() throws IOException {
    try {
      release.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("the test server is closing", e);
    }
  }

  @Override
  public void close() {
    release();
    server.stop(0);
    threads.shutdownNow();
  }
}
