package io.proxytftp.http.phone;

import java.io.IOException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.content.HttpContent;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.ResourceService;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's {@link ResourceService} with the answers RFC 9110 asks of it where Jetty's differ.
 *
 * <ul>
 *   <li>A 304 carries the headers the 200 would (15.4.5): the entity tag and date of the file
 *       whichever condition matched, no {@code Cache-Control} the 200 lacks, and no
 *       {@code Content-Length: 0}, which would describe a body of the file (8.6). Jetty writes it
 *       as an error page, with neither the tag after {@code If-Modified-Since} nor the 200's
 *       caching.
 *   <li>Content without validators (a file still arriving, see {@link ResolvedFileContent}) meets
 *       no condition that needs one: {@code If-Match} fails (13.1.1: no tag matches), and
 *       {@code If-None-Match}, {@code If-Modified-Since} and {@code If-Unmodified-Since} are
 *       ignored (13.1.2 to 13.1.4), so the file is sent.
 * </ul>
 *
 * Other errors (412, 416) go to the server's error handler, which answers in plain text.
 */
final class PhoneResources extends ResourceService {
  PhoneResources() {
    setEtags(true);
    setAcceptRanges(true);
    setDirAllowed(false);
  }

  @Override
  protected boolean handleConditionalHeaders(Request request, Response response, HttpContent content,
      Callback callback) throws IOException {
    if (content.getETag() != null) {
      return super.handleConditionalHeaders(request, response, content, callback);
    }
    String ifMatch = request.getHeaders().get(HttpHeader.IF_MATCH);
    if (ifMatch != null && !ifMatch.trim().equals("*")) {
      writeHttpError(request, response, callback, HttpStatus.PRECONDITION_FAILED_412);
      return true;
    }
    return false;
  }

  @Override
  protected void putNotModifiedHeaders(Response response, HttpContent content) {
    if (content.getETag() != null) {
      response.getHeaders().put(content.getETag());
    }
    super.putNotModifiedHeaders(response, content);
  }

  @Override
  protected void writeHttpError(Request request, Response response, Callback callback, int status) {
    if (status != HttpStatus.NOT_MODIFIED_304) {
      super.writeHttpError(request, response, callback, status);
      return;
    }
    response.setStatus(status);
    response.getHeaders().remove(HttpHeader.CONTENT_LENGTH);
    // Committed before the end: Jetty gives a response that ends with its first write a
    // Content-Length, and writes it on a 304 too.
    response.write(false, BufferUtil.EMPTY_BUFFER,
        Callback.from(() -> response.write(true, BufferUtil.EMPTY_BUFFER, callback), callback::failed));
  }
}
