package io.proxytftp.http.phone;

import io.proxytftp.http.Replies;
import io.proxytftp.http.upstream.HttpFetcher;
import io.proxytftp.resolve.FileRequest;
import io.proxytftp.resolve.FileResolver;
import io.proxytftp.resolve.Via;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.ResourceService;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The phones' HTTP file service: {@code GET} and {@code HEAD} of every name the TFTP server
 * serves, found through the same {@link FileResolver}, so a name is checked, searched and cached
 * the same way whichever protocol asks. The URL path, percent-decoded, is the name as the phone
 * sent it (leading {@code /} included); the core normalises it and refuses what could leave the
 * store. Nothing else exists here: no listings, no other methods, no authentication.
 */
public final class PhoneFileHandler extends Handler.Abstract {
  private final FileResolver resolver;
  private final Duration patience;
  private final ResolutionAnswers answers;

  /**
   * @param patience how long a request waits for its file before 503: the upstream search
   *     timeout and a second more, so that a search that answers in time is never cut short
   */
  public PhoneFileHandler(FileResolver resolver, Duration patience) {
    this.resolver = resolver;
    this.patience = patience;
    ResourceService resources = new PhoneResources();
    addBean(resources);
    this.answers = new ResolutionAnswers(resources);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    if (Replies.refusedUnlessRead(request, response, callback)) {
      return true;
    }
    String name = request.getHttpURI().getDecodedPath();
    InetSocketAddress client = (InetSocketAddress) request.getConnectionMetaData().getRemoteSocketAddress();
    new PendingAnswer(request, response, callback, answers)
        .await(resolver.resolve(new FileRequest(name, client, "http", via(request))), patience);
    return true;
  }

  /** The cascade loop guard another proxytftp sends when it asks this one over HTTP. */
  private static List<String> via(Request request) {
    return Via.parse(request.getHeaders().get(HttpFetcher.VIA_HEADER));
  }
}
