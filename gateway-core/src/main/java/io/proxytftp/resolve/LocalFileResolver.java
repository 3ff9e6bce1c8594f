package io.proxytftp.resolve;

import io.proxytftp.lifecycle.WorkerPool;
import io.proxytftp.store.LocalStore;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;

/**
 * Resolves names against the gateway's own store only. Opening a file may block on the disk, so it
 * runs on the core's worker pool, never on the caller's thread.
 */
public final class LocalFileResolver implements FileResolver {
  private final LocalStore store;
  private final WorkerPool workers;

  @Inject
  public LocalFileResolver(LocalStore store, WorkerPool workers) {
    this.store = store;
    this.workers = workers;
  }

  @Override
  public CompletableFuture<Resolution> resolve(FileRequest request) {
    String name;
    try {
      name = RequestedNames.normalise(request.name());
    } catch (RefusedNameException e) {
      return CompletableFuture.completedFuture(new Resolution.Refused(e.getMessage()));
    }
    return CompletableFuture.supplyAsync(() -> open(name), workers);
  }

  private Resolution open(String name) {
    try {
      return store.open(name)
          .<Resolution>map(Resolution.Found::new)
          .orElseGet(() -> new Resolution.NotFound(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
