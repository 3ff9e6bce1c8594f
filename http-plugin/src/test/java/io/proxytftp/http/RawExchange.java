package io.proxytftp.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Locale;
import java.util.Optional;

/**
 * One request over a plain socket, with the connection closed after the answer, and the answer as
 * the server wrote it: for request targets a client library would refuse or rewrite, and for
 * headers such as {@code Content-Length} on a 304 that a client library hides.
 */
record RawExchange(int status, String head, String body) {

  /** Sends {@code method target} with {@code headers} (each {@code "Name: value"}) and reads the answer. */
  static RawExchange send(InetSocketAddress server, String method, String target, String... headers)
      throws IOException {
    StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: gateway\r\n");
    for (String header : headers) {
      request.append(header).append("\r\n");
    }
    request.append("Connection: close\r\n\r\n");
    try (Socket socket = new Socket(server.getAddress(), server.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(ISO_8859_1));
      out.flush();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      socket.getInputStream().transferTo(answer);
      String text = answer.toString(ISO_8859_1);
      int end = text.indexOf("\r\n\r\n");
      String head = end < 0 ? text : text.substring(0, end);
      return new RawExchange(Integer.parseInt(text.substring(9, 12)), head, end < 0 ? "" : text.substring(end + 4));
    }
  }

  /** The first value of a header, its name matched in any case. */
  Optional<String> header(String name) {
    String prefix = name.toLowerCase(Locale.ROOT) + ":";
    return head.lines().skip(1).filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
        .map(line -> line.substring(prefix.length()).strip()).findFirst();
  }

  /** The whole answer, for assertion messages. */
  @Override
  public String toString() {
    return head + "\r\n\r\n" + body;
  }
}
