import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;

/**
 * The benchmarks' TFTP load generator: many concurrent read transfers from one thread with one
 * selector, so that on a two-core machine the generator costs as little as possible and the server
 * is what is measured. Each client asks, receives every DATA, acknowledges each window, and starts
 * the next transfer when one ends; lost packets are asked for again after a second.
 *
 * <p>Run with the JDK's source launcher: {@code java bench/TftpLoad.java HOST PORT NAME CLIENTS
 * TRANSFERS [BLKSIZE [WINDOWSIZE]]}. Without BLKSIZE the request carries no options, as phones
 * send it (512-byte lock-step). Prints one line of key=value pairs: transfers, failures, seconds,
 * rate, p50_ms, p99_ms, bytes, generator_cpu_ms and machine_busy_ms (the generator's own CPU time
 * and the machine's busy time over the same run: their difference is the server's cost); failures
 * by kind go to standard error.
 */
public final class TftpLoad {
  private static final long RETRY_NANOS = 1_000_000_000L;
  private static final int MAX_RETRIES = 5;
  /**
   * {@code -Dclient.address=127.0.0.2}: where the clients' sockets are bound, so that thousands of
   * them do not take the kernel's ephemeral ports of the server's own address; the server's.
   */
  private static final java.net.InetAddress CLIENT_ADDRESS = clientAddress();

  private static java.net.InetAddress clientAddress() {
    try {
      String address = System.getProperty("client.address");
      return address == null ? null : java.net.InetAddress.getByName(address);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private final InetSocketAddress server;
  private final byte[] request;
  private final Selector selector;
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(65536 + 4);
  private final ByteBuffer ack = ByteBuffer.allocateDirect(4);
  private final long[] latencies;
  private int started;
  private int finished;
  private int failures;
  /** Failures by kind: gave up after the retries, or an ERROR and its message. */
  private final java.util.Map<String, Integer> failed = new java.util.TreeMap<>();
  private long bytes;

  /** One transfer in flight. */
  private final class Client {
    final DatagramChannel channel;
    final long startedAt = System.nanoTime();
    SocketAddress peer;
    int expected = 1;
    long lastActivity = startedAt;
    int retries;
    long received;
    /** What the server granted: without an OACK, RFC 1350's 512-byte lock-step. */
    int blockSize = 512;
    int windowSize = 1;

    Client() throws IOException {
      channel = DatagramChannel.open();
      channel.bind(new InetSocketAddress(CLIENT_ADDRESS == null ? server.getAddress() : CLIENT_ADDRESS, 0));
      channel.configureBlocking(false);
      channel.register(selector, SelectionKey.OP_READ, this);
      channel.send(ByteBuffer.wrap(request), server);
    }

    void acknowledge(int block) throws IOException {
      ack.clear();
      ack.putShort((short) 4).putShort((short) block).flip();
      channel.send(ack, peer);
      lastActivity = System.nanoTime();
    }
  }

  private TftpLoad(InetSocketAddress server, String name, int blockSize, int windowSize, int transfers)
      throws IOException {
    this.server = server;
    StringBuilder text = new StringBuilder().append(name).append('\0').append("octet").append('\0');
    if (blockSize != 512) {
      text.append("blksize\0").append(blockSize).append('\0');
    }
    if (windowSize != 1) {
      text.append("windowsize\0").append(windowSize).append('\0');
    }
    byte[] body = text.toString().getBytes(StandardCharsets.US_ASCII);
    request = new byte[body.length + 2];
    request[1] = 1;
    System.arraycopy(body, 0, request, 2, body.length);
    selector = Selector.open();
    latencies = new long[transfers];
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 5) {
      System.err.println("usage: java TftpLoad.java HOST PORT NAME CLIENTS TRANSFERS [BLKSIZE [WINDOWSIZE]]");
      System.exit(2);
    }
    InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
    int clients = Integer.parseInt(args[3]);
    int transfers = Integer.parseInt(args[4]);
    int blockSize = args.length > 5 ? Integer.parseInt(args[5]) : 512;
    int windowSize = args.length > 6 ? Integer.parseInt(args[6]) : 1;
    new TftpLoad(server, args[2], blockSize, windowSize, transfers).run(clients, transfers);
  }

  private void run(int clients, int transfers) throws IOException {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long cpuBefore = os.getProcessCpuTime();
    double busyBefore = machineBusyMs();
    long begin = System.nanoTime();
    while (started < Math.min(clients, transfers)) {
      start();
    }
    while (finished + failures < transfers) {
      selector.select(100);
      for (Iterator<SelectionKey> keys = selector.selectedKeys().iterator(); keys.hasNext();) {
        SelectionKey key = keys.next();
        keys.remove();
        receive((Client) key.attachment(), transfers);
      }
      retryOrGiveUp(transfers);
    }
    double seconds = (System.nanoTime() - begin) / 1e9;
    double generatorCpuMs = (os.getProcessCpuTime() - cpuBefore) / 1e6;
    double machineBusyMs = machineBusyMs() - busyBefore;
    long[] done = Arrays.copyOf(latencies, finished);
    Arrays.sort(done);
    System.out.printf("transfers=%d failures=%d seconds=%.3f rate=%.1f p50_ms=%.3f p99_ms=%.3f bytes=%d"
        + " generator_cpu_ms=%.0f machine_busy_ms=%.0f%n", finished, failures, seconds, finished / seconds,
        percentile(done, 0.50), percentile(done, 0.99), bytes, generatorCpuMs, machineBusyMs);
    failed.forEach((kind, count) -> System.err.println("failed: " + count + " x " + kind));
  }

  private void start() throws IOException {
    started++;
    new Client();
  }

  private void receive(Client client, int transfers) throws IOException {
    buffer.clear();
    SocketAddress from = client.channel.receive(buffer);
    if (from == null) {
      return;
    }
    buffer.flip();
    int opcode = buffer.getShort() & 0xffff;
    if (client.peer == null) {
      client.peer = from;
    } else if (!client.peer.equals(from)) {
      return; // another TID: not ours
    }
    if (opcode == 6) { // OACK: the server may grant a smaller block than asked
      String[] options = StandardCharsets.US_ASCII.decode(buffer).toString().split("\0");
      for (int i = 0; i + 1 < options.length; i += 2) {
        if (options[i].equalsIgnoreCase("blksize")) {
          client.blockSize = Integer.parseInt(options[i + 1]);
        } else if (options[i].equalsIgnoreCase("windowsize")) {
          client.windowSize = Integer.parseInt(options[i + 1]);
        }
      }
      client.acknowledge(0);
      return;
    }
    if (opcode != 3) {
      String message = opcode == 5 && buffer.remaining() > 2
          ? StandardCharsets.US_ASCII.decode(buffer.position(buffer.position() + 2)).toString().replace("\0", "")
          : "opcode " + opcode;
      failed.merge("error " + message, 1, Integer::sum);
      end(client, false, transfers);
      return;
    }
    int block = buffer.getShort() & 0xffff;
    int length = buffer.remaining();
    if (block != (client.expected & 0xffff)) {
      if (client.windowSize > 1) {
        client.acknowledge((client.expected - 1) & 0xffff); // a window broke: ask from what we have
      }
      return;
    }
    client.expected++;
    client.received += length;
    client.retries = 0;
    boolean last = length < client.blockSize;
    if (last || client.windowSize == 1 || (client.expected - 1) % client.windowSize == 0) {
      client.acknowledge(block);
    } else {
      client.lastActivity = System.nanoTime();
    }
    if (last) {
      bytes += client.received;
      end(client, true, transfers);
    }
  }

  private void end(Client client, boolean success, int transfers) throws IOException {
    if (success) {
      latencies[finished++] = System.nanoTime() - client.startedAt;
    } else {
      failures++;
    }
    client.channel.close();
    if (started < transfers) {
      start();
    }
  }

  private void retryOrGiveUp(int transfers) throws IOException {
    long now = System.nanoTime();
    for (SelectionKey key : selector.keys().toArray(new SelectionKey[0])) {
      Client client = (Client) key.attachment();
      if (!key.isValid() || now - client.lastActivity < RETRY_NANOS) {
        continue;
      }
      if (++client.retries > MAX_RETRIES) {
        failed.merge(client.peer == null ? "no answer to the request" : "timed out mid-transfer", 1, Integer::sum);
        key.cancel();
        end(client, false, transfers);
      } else if (client.peer == null) {
        client.channel.send(ByteBuffer.wrap(request), server);
        client.lastActivity = now;
      } else {
        client.acknowledge((client.expected - 1) & 0xffff);
      }
    }
  }

  /**
   * Milliseconds the whole machine has been busy (user, nice, system, irq, softirq in /proc/stat),
   * assuming the usual 100 ticks a second: over a run, less this generator's own CPU, the server's
   * cost, forked children and the kernel's work for its sockets included.
   */
  private static double machineBusyMs() throws IOException {
    String[] cpu = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).get(0).trim().split("\\s+");
    long ticks = Long.parseLong(cpu[1]) + Long.parseLong(cpu[2]) + Long.parseLong(cpu[3]) + Long.parseLong(cpu[6])
        + Long.parseLong(cpu[7]);
    return ticks * 10.0;
  }

  private static double percentile(long[] sorted, double fraction) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }
}
