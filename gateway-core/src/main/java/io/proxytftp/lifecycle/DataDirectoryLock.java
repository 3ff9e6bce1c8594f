package io.proxytftp.lifecycle;

import io.proxytftp.plugin.StartException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The exclusive lock on a data directory, {@code <data-directory>/}{@value #FILE}, held for as long
 * as its gateway runs: two gateways on one directory would overwrite each other's cluster list and
 * delete blobs the other still lists. The file names its holder (pid, start time, gateway id) for
 * the message that refuses the next one.
 *
 * <p>File locks belong to the process, and on Linux closing any channel of the file releases
 * every lock the process holds on it. So gateways of one process learn of each other here, before
 * the file is opened at all, and a channel that found the lock held elsewhere in this process is
 * kept open rather than closed.
 */
final class DataDirectoryLock implements AutoCloseable {
  static final String FILE = "lock";
  private static final int MAX_HOLDER_TEXT = 200;
  /** Holders of this process, by the lock file's real path. */
  private static final Map<Path, String> HELD = new ConcurrentHashMap<>();
  /** Channels that must not be closed: the process holds the lock through another one. */
  private static final List<FileChannel> KEPT_OPEN = new CopyOnWriteArrayList<>();

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private DataDirectoryLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of an existing data directory for {@code gatewayId}.
   *
   * @throws StartException when another gateway holds it, naming that gateway
   */
  static DataDirectoryLock take(Path dataDirectory, String gatewayId) throws StartException, IOException {
    Path real = dataDirectory.toRealPath();
    Path file = real.resolve(FILE);
    String holder = "pid " + ProcessHandle.current().pid() + ", started " + processStart() + ", gateway " + gatewayId;
    String other = HELD.putIfAbsent(file, holder);
    if (other != null) {
      throw inUse(real, other);
    }
    try {
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException heldInThisProcess) {
        KEPT_OPEN.add(channel);
        throw inUse(real, holderOf(channel));
      }
      if (lock == null) {
        String description = holderOf(channel);
        channel.close(); // this process holds no lock on the file: closing releases nothing
        throw inUse(real, description);
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((holder + "\n").getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(false);
      return new DataDirectoryLock(file, channel, lock);
    } catch (StartException | IOException | RuntimeException e) {
      HELD.remove(file, holder);
      throw e;
    }
  }

  /** Releases the lock; the file stays, naming its last holder, and locks nothing. */
  @Override
  public void close() throws IOException {
    try {
      lock.release();
      channel.close();
    } finally {
      HELD.remove(file);
    }
  }

  private static StartException inUse(Path dataDirectory, String holder) {
    return new StartException("the data directory " + dataDirectory + " is in use by another gateway (" + holder
        + "); stop it, or give this gateway a data-directory of its own");
  }

  /** What the holder wrote into the lock file, as one short line of printable text. */
  private static String holderOf(FileChannel channel) throws IOException {
    ByteBuffer text = ByteBuffer.allocate(MAX_HOLDER_TEXT);
    while (text.hasRemaining() && channel.read(text, text.position()) > 0) {
      // read up to the bound
    }
    String written = new String(text.array(), 0, text.position(), StandardCharsets.UTF_8)
        .replaceAll("\\p{Cntrl}+", " ").strip();
    return written.isEmpty() ? "it has not said which" : written;
  }

  private static Instant processStart() {
    return ProcessHandle.current().info().startInstant().orElseGet(Instant::now).truncatedTo(ChronoUnit.SECONDS);
  }
}
