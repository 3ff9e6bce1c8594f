package io.proxytftp.http.ops;

import io.proxytftp.http.Replies;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One path of the admin listener that is only read, such as {@code /metrics}: answers {@code GET}
 * (and {@code HEAD}) of exactly its path, 405 other methods there, and leaves every other path to
 * the next handler.
 */
final class ReadOnlyEndpoint extends Handler.Abstract {
  private final String path;
  private final Supplier<Reply> reply;

  ReadOnlyEndpoint(String path, Supplier<Reply> reply) {
    this.path = path;
    this.reply = reply;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    if (!path.equals(Request.getPathInContext(request))) {
      return false;
    }
    if (Replies.refusedUnlessRead(request, response, callback)) {
      return true;
    }
    Reply answer = reply.get();
    Replies.send(response, callback, answer.status(), answer.contentType(), answer.body());
    return true;
  }
}
