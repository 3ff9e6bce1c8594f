package io.proxytftp.http.phone;

import io.proxytftp.http.Replies;
import io.proxytftp.resolve.Resolution;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * A phone's request while its file is being looked for, answered exactly once: by the resolution,
 * or by the deadline with 503 and {@code Retry-After: 1}. No thread waits: the answer is written
 * when either completes, on the HTTP server's pool. A file found after the deadline is closed.
 *
 * <p>The vendor's proxy answers a file it has not found yet with 503 at once, and the phone falls
 * back to TFTP; waiting up to the search timeout first lets most phones get the file on their
 * first HTTP request.
 */
final class PendingAnswer {
  static final String RETRY_AFTER_SECONDS = "1";

  private final Request request;
  private final Response response;
  private final Callback callback;
  private final ResolutionAnswers answers;
  private final AtomicBoolean answered = new AtomicBoolean();

  PendingAnswer(Request request, Response response, Callback callback, ResolutionAnswers answers) {
    this.request = request;
    this.response = response;
    this.callback = callback;
    this.answers = answers;
  }

  void await(CompletableFuture<Resolution> resolving, Duration patience) {
    Scheduler.Task deadline = request.getComponents().getScheduler().schedule(this::timedOut, patience);
    resolving.whenComplete((resolution, failure) -> {
      deadline.cancel();
      if (answered.compareAndSet(false, true)) {
        dispatch(() -> answers.answer(request, response, callback, resolution, failure), resolution);
      } else {
        closeIfFound(resolution);
      }
    });
  }

  private void timedOut() {
    if (answered.compareAndSet(false, true)) {
      dispatch(() -> {
        response.getHeaders().put(HttpHeader.RETRY_AFTER, RETRY_AFTER_SECONDS);
        Replies.text(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, "still looking for the file; retry");
      }, null);
    }
  }

  private void dispatch(Runnable answer, Resolution resolution) {
    try {
      request.getComponents().getExecutor().execute(answer);
    } catch (RejectedExecutionException e) {
      closeIfFound(resolution);
      callback.failed(e);
    }
  }

  private static void closeIfFound(Resolution resolution) {
    if (resolution instanceof Resolution.Found found) {
      found.file().close();
    }
  }
}
