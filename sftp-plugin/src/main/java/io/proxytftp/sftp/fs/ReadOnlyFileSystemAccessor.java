package io.proxytftp.sftp.fs;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.util.Set;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpFileSystemAccessor;
import org.apache.sshd.sftp.server.SftpSubsystemProxy;

/**
 * Opens SFTP file handles through the view's provider: SSHD's default opens a {@code FileChannel},
 * which a view over the cache has no use for; a seekable channel over the core's file reads at any
 * position just as well.
 */
public final class ReadOnlyFileSystemAccessor implements SftpFileSystemAccessor {

  @Override
  public SeekableByteChannel openFile(SftpSubsystemProxy subsystem, FileHandle fileHandle, Path file, String handle,
      Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
    return file.getFileSystem().provider().newByteChannel(file, options, attrs);
  }
}
