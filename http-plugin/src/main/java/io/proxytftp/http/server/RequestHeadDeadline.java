package io.proxytftp.http.server;

import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.EventsHandler;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Bounds the time a client takes to send a request head (request line and headers), from the
 * connection's opening or from the end of its previous exchange: a connection that has not got its
 * next request head through by then is closed and counted. Jetty's idle timeout does not do this, a
 * client that drips a byte every few seconds (slowloris) keeps it alive for ever. Once the head has
 * arrived the bound no longer applies, so a request waiting for its file upstream is not cut off.
 *
 * <p>Jetty tells when a connection opens and closes ({@link Connection.Listener}) and, through
 * {@link #guard(Handler)}, when a request reaches the handlers and when its exchange completes.
 */
final class RequestHeadDeadline implements Connection.Listener {
  private final Duration bound;
  private final Scheduler scheduler;
  private final Counter expired;
  private final Map<Connection, Wait> waiting = new ConcurrentHashMap<>();

  RequestHeadDeadline(Duration bound, Scheduler scheduler, Counter expired) {
    this.bound = bound;
    this.scheduler = scheduler;
    this.expired = expired;
  }

  /** {@code handler}, telling this deadline when each request head has arrived and when its exchange ends. */
  Handler guard(Handler handler) {
    return new EventsHandler(handler) {
      @Override
      protected void onBeforeHandling(Request request) {
        disarm(request.getConnectionMetaData().getConnection());
      }

      @Override
      protected void onComplete(Request request, Throwable failure) {
        Connection connection = request.getConnectionMetaData().getConnection();
        if (connection.getEndPoint().isOpen()) {
          arm(connection);
        }
      }
    };
  }

  @Override
  public void onOpened(Connection connection) {
    arm(connection);
  }

  @Override
  public void onClosed(Connection connection) {
    disarm(connection);
  }

  private void arm(Connection connection) {
    Wait wait = new Wait(connection);
    wait.task = scheduler.schedule(wait, bound);
    Wait previous = waiting.put(connection, wait);
    if (previous != null) {
      previous.task.cancel();
    }
  }

  private void disarm(Connection connection) {
    Wait wait = waiting.remove(connection);
    if (wait != null) {
      wait.task.cancel();
    }
  }

  /** One connection's wait for a request head; when it runs out, the connection is closed. */
  private final class Wait implements Runnable {
    private final Connection connection;
    private Scheduler.Task task;

    Wait(Connection connection) {
      this.connection = connection;
    }

    /** Closes the connection unless the head arrived, it closed or a later wait replaced this one. */
    @Override
    public void run() {
      if (waiting.remove(connection, this) && connection.getEndPoint().isOpen()) {
        expired.increment();
        connection.getEndPoint().close();
      }
    }
  }
}
