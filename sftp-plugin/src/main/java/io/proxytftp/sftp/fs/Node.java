package io.proxytftp.sftp.fs;

import io.proxytftp.resolve.ResolvedFile;
import java.io.IOException;
import java.time.Instant;

/** What a path of the gateway's view names: a folder, or a file that can be opened for reading. */
sealed interface Node permits Node.Folder, Node.Leaf {

  Instant modified();

  /** A folder; its children are listed by {@link GatewayTree#children}. */
  record Folder(Instant modified) implements Node {}

  /** A file of a known size, opened afresh for each handle. */
  record Leaf(long size, Instant modified, Opener opener) implements Node {}

  /** Opens a leaf's content; whoever calls it closes the file. */
  @FunctionalInterface
  interface Opener {
    ResolvedFile open() throws IOException;
  }
}
