package io.proxytftp.http.phone;

import org.eclipse.jetty.http.HttpDateTime;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.content.HttpContent;
import org.eclipse.jetty.server.Request;

/**
 * {@code If-Range} (RFC 9110, 13.1.5), which Jetty's {@link org.eclipse.jetty.server.ResourceService}
 * does not evaluate: a client resuming a download sends the validator of the copy it has, and gets
 * the range only if the file is still that one, else the whole file. Without this, a phone
 * resuming a firmware download after the file changed would splice two versions together.
 *
 * <p>The validator is an entity tag (matched strongly: a weak tag never matches) or an HTTP date
 * (matched when it is exactly the file's last-modified second). Jetty's {@link HttpDateTime} reads
 * the date in each form RFC 9110 (5.6.7) says a recipient must accept: IMF-fixdate and the
 * obsolete RFC 850 and asctime forms.
 */
final class IfRange {
  private IfRange() {}

  /** The request as the range logic should see it: without its {@code Range} when {@code If-Range} fails. */
  static Request apply(Request request, HttpContent content) {
    HttpFields headers = request.getHeaders();
    String validator = headers.get(HttpHeader.IF_RANGE);
    if (validator == null || !headers.contains(HttpHeader.RANGE) || matches(validator.trim(), content)) {
      return request;
    }
    HttpFields withoutRange = HttpFields.build(headers).remove(HttpHeader.RANGE).asImmutable();
    return new Request.Wrapper(request) {
      @Override
      public HttpFields getHeaders() {
        return withoutRange;
      }
    };
  }

  private static boolean matches(String validator, HttpContent content) {
    if (validator.startsWith("W/") || content.getETag() == null) {
      return false; // a file still arriving has no validator yet, so none matches
    }
    if (validator.startsWith("\"")) {
      return validator.equals(content.getETagValue());
    }
    long date = HttpDateTime.parseToEpoch(validator);
    return date != -1 && date / 1000 == content.getLastModifiedInstant().getEpochSecond();
  }
}
