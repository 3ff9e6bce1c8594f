package io.proxytftp.http.phone;

import io.proxytftp.http.Replies;
import io.proxytftp.http.upstream.HttpFetcher;
import io.proxytftp.resolve.FileRequest;
import io.proxytftp.resolve.FileResolver;
import io.proxytftp.resolve.Hop;
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
 *
 * <p>A request from another proxytftp gateway (one carrying {@value HttpFetcher#VIA_HEADER}) is
 * answered with this gateway's hop in {@value HttpFetcher#HOP_HEADER}, whatever the status, so that
 * the gateway asking can tell when its remote cluster carries its own {@code gateway.id}; phones
 * never send the header and never get the answer.
 */
public final class PhoneFileHandler extends Handler.Abstract {
  private final FileResolver resolver;
  private final Duration patience;
  private final ResolutionAnswers answers;
  private final String self;

  /**
   * @param patience how long a request waits for its file before 503: the upstream search
   *     timeout and a second more, so that a search that answers in time is never cut short
   * @param self this gateway, as it answers other gateways
   */
  public PhoneFileHandler(FileResolver resolver, Duration patience, Hop self) {
    this.resolver = resolver;
    this.patience = patience;
    this.self = self.toString();
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
    if (request.getHeaders().contains(HttpFetcher.VIA_HEADER)) {
      response.getHeaders().put(HttpFetcher.HOP_HEADER, self);
    }
    new PendingAnswer(request, response, callback, answers)
        .await(resolver.resolve(new FileRequest(name, client, "http", via(request))), patience);
    return true;
  }

  /** The cascade loop guard another proxytftp sends when it asks this one over HTTP. */
  private static List<String> via(Request request) {
    return Via.parse(request.getHeaders().get(HttpFetcher.VIA_HEADER));
  }
}
