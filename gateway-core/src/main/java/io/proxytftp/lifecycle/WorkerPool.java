package io.proxytftp.lifecycle;

import io.proxytftp.plugin.GatewayService;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads that may block: opening files, reading directories, binding sockets. Network I/O
 * threads hand such work here so they never wait themselves.
 *
 * <p>Bounded in threads and in queued tasks: past the bound a task is rejected at once (the caller
 * answers "busy") rather than queued without limit during a flood.
 */
public final class WorkerPool implements GatewayService, Executor {
  private static final int THREADS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
  private static final int QUEUE = 16_384;

  private final ThreadPoolExecutor executor;

  public WorkerPool() {
    executor = new ThreadPoolExecutor(
        THREADS, THREADS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), new NamedThreadFactory("worker"));
    executor.allowCoreThreadTimeOut(true);
  }

  @Override
  public String name() {
    return "workers";
  }

  @Override
  public void start() {
    // Threads start on demand.
  }

  @Override
  public void execute(Runnable task) {
    executor.execute(task);
  }

  @Override
  public void stop(Duration grace) throws InterruptedException {
    executor.shutdown();
    if (!executor.awaitTermination(Math.max(1, grace.toMillis()), TimeUnit.MILLISECONDS)) {
      executor.shutdownNow();
    }
  }
}
