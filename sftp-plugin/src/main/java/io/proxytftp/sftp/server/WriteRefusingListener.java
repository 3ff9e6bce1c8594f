package io.proxytftp.sftp.server;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.CopyOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpEventListener;

/**
 * Refuses every SFTP request that would change something before it reaches the file system: a
 * second guard beside the view's provider, so that no SSHD code path that bypasses the provider
 * (or a future one) can write. Clients see "permission denied".
 */
final class WriteRefusingListener implements SftpEventListener {

  @Override
  public void writing(ServerSession session, String remoteHandle, FileHandle localHandle, long offset, byte[] data,
      int dataOffset, int dataLen) throws IOException {
    throw refused(localHandle.getFile());
  }

  @Override
  public void creating(ServerSession session, Path path, Map<String, ?> attrs) throws IOException {
    throw refused(path);
  }

  @Override
  public void moving(ServerSession session, Path srcPath, Path dstPath, Collection<CopyOption> opts)
      throws IOException {
    throw refused(srcPath);
  }

  @Override
  public void removing(ServerSession session, Path path, boolean isDirectory) throws IOException {
    throw refused(path);
  }

  @Override
  public void linking(ServerSession session, Path source, Path target, boolean symLink) throws IOException {
    throw refused(source);
  }

  @Override
  public void modifyingAttributes(ServerSession session, Path path, Map<String, ?> attrs) throws IOException {
    throw refused(path);
  }

  private static AccessDeniedException refused(Path path) {
    return new AccessDeniedException(String.valueOf(path), null, "the gateway's SFTP view is read-only");
  }
}
