package io.proxytftp.http.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A cluster's HTTP file service that answers every request with 200, the file's Content-Length and
 * half of a body, then, when the test says so, resets the connection (an RST, not a FIN), as a
 * server that crashes or a middlebox that gives up mid-body does. {@link ClusterHttpServer} cannot:
 * the JDK's server only closes. The test chooses the moment because an RST makes the receiving side
 * throw away what it has not read yet, the response's headers too.
 */
final class ResettingHttpServer implements AutoCloseable {
  private final ServerSocket server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
  private final byte[] content;
  private final AtomicInteger resets = new AtomicInteger();
  private final CountDownLatch reset = new CountDownLatch(1);

  ResettingHttpServer(byte[] content) throws IOException {
    this.content = content;
    Thread thread = new Thread(this::serve, "resetting-http");
    thread.setDaemon(true);
    thread.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** Resets the connections of the answers sent so far and of every later one. */
  void reset() {
    reset.countDown();
  }

  /** How many answers were cut off by a reset. */
  int resets() {
    return resets.get();
  }

  private void serve() {
    while (!server.isClosed()) {
      try (Socket socket = server.accept()) {
        readHeaders(socket.getInputStream());
        OutputStream out = socket.getOutputStream();
        out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + content.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(content, 0, content.length / 2);
        out.flush();
        reset.await(30, TimeUnit.SECONDS);
        socket.setSoLinger(true, 0); // closing now sends an RST
        resets.incrementAndGet();
      } catch (IOException closedOrCutOff) {
        // the next connection, or the test is over
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static void readHeaders(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < end.length) {
      int next = in.read();
      if (next < 0) {
        throw new IOException("the request ended before its headers did");
      }
      matched = next == end[matched] ? matched + 1 : next == '\r' ? 1 : 0;
    }
  }

  @Override
  public void close() throws IOException {
    reset();
    server.close();
  }
}
