package io.proxytftp.resolve;

import java.util.concurrent.CompletableFuture;

/**
 * Where every front end (TFTP, HTTP, SFTP) turns a phone's request into content. Front ends never
 * look for files themselves, so a name is classified, searched and cached the same way whichever
 * protocol asked for it.
 *
 * <p>Resolution is asynchronous: the future completes off the caller's thread, so a network I/O
 * thread never waits for a disk or an upstream cluster. Expected outcomes (found, not found,
 * refused) complete normally as a {@link Resolution}; the future completes exceptionally only on an
 * unexpected failure.
 */
public interface FileResolver {
  CompletableFuture<Resolution> resolve(FileRequest request);
}
