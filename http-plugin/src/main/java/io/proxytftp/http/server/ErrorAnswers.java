package io.proxytftp.http.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.proxytftp.http.Replies;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The server's error handler: what Jetty answers on its own (a request target it will not parse, a
 * failed precondition, a range outside the file, a path no handler takes, a failure) in the form
 * the listener promises, instead of Jetty's HTML page. On the phones' listener one line of plain
 * text, as the phones' file service answers; on the admin listener a JSON object
 * {@code {"error": "..."}}, as the admin API answers, never cached. The line is the status's
 * reason and Jetty's own message when it has one, such as {@code Bad Request: Ambiguous URI empty
 * segment}; never a stack trace.
 */
final class ErrorAnswers implements Request.Handler {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = response.getStatus();
    String line = line(status, message(request));
    if (HttpServer.ADMIN.equals(request.getConnectionMetaData().getConnector().getName())) {
      response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
      Replies.send(response, callback, status, Replies.JSON, json(line));
    } else {
      Replies.text(response, callback, status, line);
    }
    return true;
  }

  /**
   * Jetty's reason for the error: the message given with it, or the reason of an HTTP error such
   * as a request Jetty would not parse. Other exceptions' messages stay in the log.
   */
  private static Object message(Request request) {
    Object message = request.getAttribute(ErrorHandler.ERROR_MESSAGE);
    if (message == null && request.getAttribute(ErrorHandler.ERROR_EXCEPTION) instanceof HttpException refused) {
      return refused.getReason();
    }
    return message;
  }

  private static String line(int status, Object message) {
    String reason = HttpStatus.getMessage(status);
    if (!(message instanceof String text) || text.isBlank() || text.equals(reason)) {
      return reason;
    }
    return reason + ": " + text.lines().findFirst().orElse("").strip();
  }

  private static String json(String message) {
    try {
      return new String(JSON.writeValueAsBytes(Map.of("error", message)), StandardCharsets.UTF_8) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of one string always serialises", e);
    }
  }
}
