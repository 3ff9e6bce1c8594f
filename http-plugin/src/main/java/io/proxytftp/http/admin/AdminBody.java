package io.proxytftp.http.admin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads an admin request's body, at most {@value #MAX} bytes of it however it is framed: a
 * Content-Length over the bound is refused before a byte is read, and a chunked body is read only
 * until it passes the bound, so a client cannot make the gateway hold more.
 */
final class AdminBody {
  /** Request bodies are small cluster documents. */
  static final int MAX = 64 * 1024;

  /** The body went past {@link #MAX}. */
  static final class TooLargeException extends Exception {
    private static final long serialVersionUID = 1L;

    TooLargeException() {
      super("request bodies are at most " + MAX + " bytes", null, false, false);
    }
  }

  private AdminBody() {}

  /** The body as text; empty when there is none. */
  static String read(Request request) throws IOException, TooLargeException {
    long length = request.getLength();
    if (length > MAX) {
      throw new TooLargeException();
    }
    if (length == 0) {
      return "";
    }
    try (InputStream in = Content.Source.asInputStream(request)) {
      byte[] body = in.readNBytes(MAX + 1);
      if (body.length > MAX) {
        throw new TooLargeException();
      }
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /**
   * 413, closing the connection: the rest of the body is never read, so the connection cannot
   * carry another request.
   */
  static AdminReply tooLarge(TooLargeException e) {
    AdminReply refused = AdminReply.error(413, e.getMessage());
    return new AdminReply(413, refused.contentType(), refused.body(),
        Map.of(HttpHeader.CONNECTION.asString(), "close"));
  }
}
