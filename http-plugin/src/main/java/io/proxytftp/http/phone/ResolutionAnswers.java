package io.proxytftp.http.phone;

import io.proxytftp.http.Replies;
import io.proxytftp.resolve.Resolution;
import io.proxytftp.resolve.ResolvedFile;
import java.util.concurrent.Executor;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.content.HttpContent;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.ResourceService;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the core's {@link Resolution} of a phone's request into its HTTP answer: a found file
 * through Jetty's {@link ResourceService} (200, 206 with single or multiple ranges, 304, 412, 416),
 * not found 404, a refused name 400 with the reason, a file that cannot be served as it should be
 * 502 with the reason. A found file is closed when its response ends, however it ends.
 */
final class ResolutionAnswers {
  private static final Logger LOG = LoggerFactory.getLogger(ResolutionAnswers.class);

  private final ResourceService resources;

  ResolutionAnswers(ResourceService resources) {
    this.resources = resources;
  }

  void answer(Request request, Response response, Callback callback, Resolution resolution, Throwable failure) {
    if (failure != null) {
      LOG.warn("resolving {} for {} failed", request.getHttpURI().getPath(),
          request.getConnectionMetaData().getRemoteSocketAddress(), failure);
      Replies.text(response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500, "internal error");
    } else if (resolution instanceof Resolution.Found found) {
      serve(request, response, callback, found.file());
    } else if (resolution instanceof Resolution.NotFound notFound) {
      Replies.text(response, callback, HttpStatus.NOT_FOUND_404, "not found: " + notFound.name());
    } else if (resolution instanceof Resolution.Refused refused) {
      Replies.text(response, callback, HttpStatus.BAD_REQUEST_400, refused.reason());
    } else if (resolution instanceof Resolution.Unavailable unavailable) {
      Replies.text(response, callback, HttpStatus.BAD_GATEWAY_502, unavailable.reason());
    }
  }

  private void serve(Request request, Response response, Callback callback, ResolvedFile file) {
    Executor executor = request.getComponents().getExecutor();
    ResolvedFileContent content = new ResolvedFileContent(file, request.getComponents().getByteBufferPool(), executor);
    HttpContent sent = HttpMethod.HEAD.is(request.getMethod()) ? new HeadersOnly(content) : content;
    resources.doGet(IfRange.apply(request, content), response, Callback.from(callback, file::close), sent);
  }

  /** A HEAD answer's content: every header of the file, and no read of its bytes (which may be arriving). */
  private static final class HeadersOnly extends HttpContent.Wrapper {
    HeadersOnly(HttpContent content) {
      super(content);
    }

    @Override
    public void writeTo(Content.Sink sink, long offset, long length, Callback callback) {
      sink.write(true, BufferUtil.EMPTY_BUFFER, callback);
    }
  }
}
