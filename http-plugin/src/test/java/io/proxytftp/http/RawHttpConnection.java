package io.proxytftp.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * One keep-alive HTTP/1.1 connection over a plain socket from a chosen local address (the JDK
 * client on Java 17 cannot pick one), for tests of what the server does per connection and per
 * address.
 */
final class RawHttpConnection implements AutoCloseable {
  private final Socket socket = new Socket();
  private final long connectedAt;

  RawHttpConnection(InetAddress from, InetSocketAddress server) throws IOException {
    socket.bind(new InetSocketAddress(from, 0));
    socket.connect(server, 20_000);
    socket.setSoTimeout(10_000);
    connectedAt = System.nanoTime();
  }

  /** Sends {@code bytes} as they are, a request or a part of one. */
  void send(String bytes) throws IOException {
    socket.getOutputStream().write(bytes.getBytes(ISO_8859_1));
    socket.getOutputStream().flush();
  }

  /** A response's status and body. */
  record Answer(int status, byte[] body) {}

  /** GETs {@code path} and reads the whole answer, its body by Content-Length. */
  Answer get(String path) throws IOException {
    send("GET " + path + " HTTP/1.1\r\nHost: phones\r\n\r\n");
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed after " + head.toString(ISO_8859_1));
      }
      head.write(b);
    }
    String text = head.toString(ISO_8859_1);
    long length = text.lines()
        .filter(line -> line.regionMatches(true, 0, "Content-Length:", 0, 15))
        .mapToLong(line -> Long.parseLong(line.substring(15).strip()))
        .findFirst()
        .orElse(0);
    byte[] body = in.readNBytes((int) length);
    return new Answer(Integer.parseInt(text.substring(9, 12)), body);
  }

  /**
   * Waits up to {@code within} for the server to close the connection (an end of stream or a
   * reset, with nothing sent before) and returns how long after connecting it did; throws if it
   * stays open.
   */
  Duration closedByServer(Duration within) throws IOException {
    socket.setSoTimeout((int) within.toMillis());
    try {
      int read = socket.getInputStream().read();
      if (read >= 0) {
        throw new IOException("the server sent data instead of closing: " + read);
      }
    } catch (SocketTimeoutException open) {
      throw new IOException("still open after " + within.toMillis() + " ms", open);
    } catch (SocketException reset) {
      // closed with a reset
    }
    return Duration.ofNanos(System.nanoTime() - connectedAt);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
