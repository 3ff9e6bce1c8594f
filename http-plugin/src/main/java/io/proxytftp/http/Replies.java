package io.proxytftp.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Short bodies written whole: the error answers phones get (their reason as plain text, which a
 * phone logs and an admin reads in a capture), the operations endpoints' answers, and the 405 of
 * paths that are only read.
 */
public final class Replies {
  public static final String TEXT = "text/plain; charset=utf-8";
  public static final String JSON = "application/json";
  static final String READ_METHODS = "GET, HEAD";

  private Replies() {}

  /** Answers with {@code status} and {@code body} of {@code contentType}, completing {@code callback}. */
  public static void send(Response response, Callback callback, int status, String contentType, String body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    Content.Sink.write(response, true, body, callback);
  }

  /**
   * Answers 405 with {@code Allow: GET, HEAD} unless the request only reads: what every path of
   * the gateway's HTTP server that only serves content does.
   *
   * @return whether the request was answered (and the caller must not answer it again)
   */
  public static boolean refusedUnlessRead(Request request, Response response, Callback callback) {
    String method = request.getMethod();
    if (HttpMethod.GET.is(method) || HttpMethod.HEAD.is(method)) {
      return false;
    }
    response.getHeaders().put(HttpHeader.ALLOW, READ_METHODS);
    text(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "only " + READ_METHODS + " are answered here");
    return true;
  }

  /** Answers with {@code status} and one line of plain text. */
  public static void text(Response response, Callback callback, int status, String line) {
    send(response, callback, status, TEXT, line + "\n");
  }
}
