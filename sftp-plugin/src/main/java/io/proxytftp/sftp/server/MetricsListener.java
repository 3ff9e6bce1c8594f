package io.proxytftp.sftp.server;

import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;

/** Counts SFTP sessions, opened files and bytes read into {@link SftpMetrics}. */
final class MetricsListener implements SftpEventListener {
  private final SftpMetrics metrics;

  MetricsListener(SftpMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void initialized(ServerSession session, int version) {
    metrics.sessionsOpened.increment();
  }

  @Override
  public void open(ServerSession session, String remoteHandle, Handle localHandle) {
    if (localHandle instanceof FileHandle) {
      metrics.filesRead.increment();
    }
  }

  @Override
  public void read(ServerSession session, String remoteHandle, FileHandle localHandle, long offset, byte[] data,
      int dataOffset, int dataLen, int readLen, Throwable thrown) {
    if (readLen > 0) {
      metrics.bytesRead.increment(readLen);
    }
  }
}
