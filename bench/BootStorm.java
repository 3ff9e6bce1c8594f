import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The boot storm: many simulated IP phones, each asking for what a Cisco phone asks for at boot
 * (its CTL and ITL, each falling back to the cluster-wide file, its signed configuration, softkeys,
 * load, locale and ring list: see {@link #sequence}), one file after another, in 512-byte
 * lock-step without options, from an address of its own (127.1.x.y; every 127/8 address is local
 * on Linux), as phones do. One thread, one selector, like TftpLoad, so that the generator costs
 * little and the server is what is measured.
 *
 * <p>{@code java bench/BootStorm.java prepare DIR PHONES CLUSTERS} writes the files: DIR/all holds
 * every file in one folder (what one cluster serving everything would hold, and the bytes every
 * answer is checked against); DIR/c0 .. c{CLUSTERS-1} hold what each remote cluster holds: the
 * device configs of its own phones (phone i belongs to cluster i % CLUSTERS) and the common files,
 * identical on every cluster except the ring list and locale, which only the last cluster (the
 * highest release) has as in DIR/all: the others hold older bytes, so an answer from the wrong
 * cluster is caught. No cluster has a phone's CTLSEP/ITLSEP trust list: the phone falls back to
 * CTLFile.tlv / ITLFile.tlv, which DIR/all holds and a proxytftp gateway makes itself.
 *
 * <p>{@code java bench/BootStorm.java run HOST PORT PHONES IN_FLIGHT DIR} boots PHONES phones,
 * IN_FLIGHT at a time, and prints one line of key=value pairs: phones, booted, failures, seconds,
 * rate (phones booted a second), p50_ms, p99_ms (a phone's boot time, first request to last byte),
 * transfers, fallbacks, mismatches (answers whose bytes differ from DIR/all's; for the trust
 * lists, from the first copy this run received) and generator_cpu_ms.
 */
public final class BootStorm {
  private static final long RETRY_NANOS = 1_000_000_000L;
  private static final int MAX_RETRIES = 5;
  private static final String SOFTKEYS = "SK1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d.xml.sgn";
  private static final String LOAD = "sip88xx.14-2-1-0001-14.loads";
  private static final String LOCALE = "English_United_States/g3-tones.xml";
  private static final String RING_LIST = "RingList.xml";
  private static final List<String> TRUST_LISTS = List.of("CTLFile.tlv", "ITLFile.tlv");

  private final InetSocketAddress server;
  private final Path reference;
  private final Selector selector = Selector.open();
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(65536 + 4);
  private final ByteBuffer ack = ByteBuffer.allocateDirect(4);
  private final Map<String, byte[]> expected = new HashMap<>();
  private final List<String> reported = new ArrayList<>();
  private final long[] bootTimes;
  private final int phones;
  private int started;
  private int booted;
  private int failures;
  private int transfers;
  private int fallbacks;
  private int mismatches;
  private long bytes;

  /** The files phone {@code index} asks for, in order; a trust list's fallback follows a "not found". */
  private static String[][] sequence(int index) {
    String mac = mac(index);
    return new String[][] {
        {"CTLSEP" + mac + ".tlv", "CTLFile.tlv"},
        {"ITLSEP" + mac + ".tlv", "ITLFile.tlv"},
        {"SEP" + mac + ".cnf.xml.sgn"},
        {SOFTKEYS},
        {LOAD},
        {LOCALE},
        {RING_LIST}};
  }

  private static String mac(int index) {
    return String.format("00AB%08X", index);
  }

  /** Phone {@code index}'s own address: 127.1.0.1 .. 127.1.0.250, 127.1.1.1, ... */
  private static InetAddress address(int index) throws IOException {
    return InetAddress.getByAddress(new byte[] {127, 1, (byte) (index / 250), (byte) (index % 250 + 1)});
  }

  /** One phone booting: the step it is at, and the transfer of that step in flight. */
  private final class Phone {
    final int index;
    final String[][] steps;
    final long startedAt = System.nanoTime();
    int step;
    int choice;
    DatagramChannel channel;
    SelectionKey key;
    SocketAddress peer;
    int expectedBlock;
    long lastActivity;
    int retries;
    final ByteArrayOutputStream received = new ByteArrayOutputStream();

    Phone(int index) throws IOException {
      this.index = index;
      this.steps = sequence(index);
      ask();
    }

    String name() {
      return steps[step][choice];
    }

    /** Sends the RRQ for the current step from a fresh port, as a phone's TFTP client does. */
    void ask() throws IOException {
      if (channel != null) {
        key.cancel();
        channel.close();
      }
      channel = DatagramChannel.open();
      channel.bind(new InetSocketAddress(address(index), 0));
      channel.configureBlocking(false);
      key = channel.register(selector, SelectionKey.OP_READ, this);
      peer = null;
      expectedBlock = 1;
      retries = 0;
      received.reset();
      sendRequest();
    }

    void sendRequest() throws IOException {
      byte[] name = (name() + "\0octet\0").getBytes(StandardCharsets.US_ASCII);
      ByteBuffer request = ByteBuffer.allocate(name.length + 2).putShort((short) 1).put(name).flip();
      channel.send(request, server);
      lastActivity = System.nanoTime();
    }

    void acknowledge(int block) throws IOException {
      ack.clear();
      ack.putShort((short) 4).putShort((short) block).flip();
      channel.send(ack, peer);
      lastActivity = System.nanoTime();
    }

    void close() throws IOException {
      key.cancel();
      channel.close();
    }
  }

  private BootStorm(InetSocketAddress server, Path reference, int phones) throws IOException {
    this.server = server;
    this.reference = reference;
    this.phones = phones;
    this.bootTimes = new long[phones];
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 4 && args[0].equals("prepare")) {
      prepare(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
    } else if (args.length == 6 && args[0].equals("run")) {
      int phones = Integer.parseInt(args[3]);
      new BootStorm(new InetSocketAddress(args[1], Integer.parseInt(args[2])), Path.of(args[5]), phones)
          .run(Integer.parseInt(args[4]));
    } else {
      System.err.println("usage: java BootStorm.java prepare DIR PHONES CLUSTERS"
          + " | run HOST PORT PHONES IN_FLIGHT DIR");
      System.exit(2);
    }
  }

  private static void prepare(Path dir, int phones, int clusters) throws IOException {
    Random random = new Random(7440);
    Path all = dir.resolve("all");
    Map<String, byte[]> common = new HashMap<>();
    common.put(SOFTKEYS, bytes(random, 5 * 1024));
    common.put(LOAD, bytes(random, 600));
    common.put(LOCALE, bytes(random, 20 * 1024));
    common.put(RING_LIST, bytes(random, 1200));
    for (String name : TRUST_LISTS) {
      write(all.resolve(name), bytes(random, 6 * 1024));
    }
    for (Map.Entry<String, byte[]> file : common.entrySet()) {
      write(all.resolve(file.getKey()), file.getValue());
      for (int cluster = 0; cluster < clusters; cluster++) {
        boolean highestRelease = cluster == clusters - 1;
        boolean sameEverywhere = !file.getKey().equals(LOCALE) && !file.getKey().equals(RING_LIST);
        byte[] content = highestRelease || sameEverywhere ? file.getValue() : bytes(random, file.getValue().length);
        write(dir.resolve("c" + cluster).resolve(file.getKey()), content);
      }
    }
    for (int phone = 0; phone < phones; phone++) {
      String config = sequence(phone)[2][0];
      byte[] content = bytes(random, 13 * 1024 + random.nextInt(512));
      write(all.resolve(config), content);
      write(dir.resolve("c" + phone % clusters).resolve(config), content);
    }
  }

  private static byte[] bytes(Random random, int size) {
    byte[] content = new byte[size];
    random.nextBytes(content);
    return content;
  }

  private static void write(Path file, byte[] content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, content);
  }

  private void run(int inFlight) throws IOException {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long cpuBefore = os.getProcessCpuTime();
    long begin = System.nanoTime();
    while (started < Math.min(inFlight, phones)) {
      new Phone(started++);
    }
    while (booted + failures < phones) {
      selector.select(100);
      for (Iterator<SelectionKey> keys = selector.selectedKeys().iterator(); keys.hasNext();) {
        SelectionKey key = keys.next();
        keys.remove();
        if (key.isValid()) {
          receive((Phone) key.attachment());
        }
      }
      retryOrGiveUp();
    }
    double seconds = (System.nanoTime() - begin) / 1e9;
    long[] done = Arrays.copyOf(bootTimes, booted);
    Arrays.sort(done);
    System.out.printf("phones=%d booted=%d failures=%d seconds=%.3f rate=%.1f p50_ms=%.3f p99_ms=%.3f transfers=%d"
        + " fallbacks=%d mismatches=%d bytes=%d generator_cpu_ms=%.0f%n", phones, booted, failures, seconds,
        booted / seconds, percentile(done, 0.50), percentile(done, 0.99), transfers, fallbacks, mismatches, bytes,
        (os.getProcessCpuTime() - cpuBefore) / 1e6);
  }

  private void receive(Phone phone) throws IOException {
    buffer.clear();
    SocketAddress from = phone.channel.receive(buffer);
    if (from == null) {
      return;
    }
    buffer.flip();
    int opcode = buffer.getShort() & 0xffff;
    if (phone.peer == null) {
      phone.peer = from;
    } else if (!phone.peer.equals(from)) {
      return; // another TID: not ours
    }
    if (opcode == 5) {
      int code = buffer.getShort() & 0xffff;
      if (code == 1 && phone.choice + 1 < phone.steps[phone.step].length) {
        fallbacks++;
        phone.choice++;
        phone.ask();
      } else {
        fail(phone, phone.name() + ": error " + code + " "
            + StandardCharsets.US_ASCII.decode(buffer).toString().replace("\0", ""));
      }
      return;
    }
    if (opcode != 3) {
      fail(phone, phone.name() + ": unexpected opcode " + opcode);
      return;
    }
    int block = buffer.getShort() & 0xffff;
    if (block == ((phone.expectedBlock - 1) & 0xffff) && block != 0) {
      phone.acknowledge(block); // our ACK was lost: the server sent the block again
      return;
    }
    if (block != (phone.expectedBlock & 0xffff)) {
      return;
    }
    int length = buffer.remaining();
    byte[] data = new byte[length];
    buffer.get(data);
    phone.received.write(data, 0, length);
    phone.expectedBlock++;
    phone.retries = 0;
    phone.acknowledge(block);
    if (length < 512) {
      stepDone(phone);
    }
  }

  private void stepDone(Phone phone) throws IOException {
    transfers++;
    byte[] content = phone.received.toByteArray();
    bytes += content.length;
    if (!Arrays.equals(content, expected(phone.name(), content))) {
      mismatches++;
      fail(phone, phone.name() + ": " + content.length + " bytes differ from the reference");
      return;
    }
    if (++phone.step == phone.steps.length) {
      bootTimes[booted++] = System.nanoTime() - phone.startedAt;
      phone.close();
      next();
    } else {
      phone.choice = 0;
      phone.ask();
    }
  }

  /** What a name must hold: the reference folder's bytes, or for a trust list the run's first copy. */
  private byte[] expected(String name, byte[] received) throws IOException {
    if (TRUST_LISTS.contains(name)) {
      return expected.computeIfAbsent(name, first -> received);
    }
    if (name.startsWith("SEP")) {
      return Files.readAllBytes(reference.resolve(name));
    }
    byte[] known = expected.get(name);
    if (known == null) {
      known = Files.readAllBytes(reference.resolve(name));
      expected.put(name, known);
    }
    return known;
  }

  private void fail(Phone phone, String reason) throws IOException {
    failures++;
    if (reported.size() < 5) {
      reported.add(reason);
      System.err.println("BootStorm: phone " + phone.index + " (" + address(phone.index).getHostAddress() + ") failed: "
          + reason);
    }
    phone.close();
    next();
  }

  private void next() throws IOException {
    if (started < phones) {
      new Phone(started++);
    }
  }

  private void retryOrGiveUp() throws IOException {
    long now = System.nanoTime();
    for (SelectionKey key : selector.keys().toArray(new SelectionKey[0])) {
      Phone phone = (Phone) key.attachment();
      if (!key.isValid() || now - phone.lastActivity < RETRY_NANOS) {
        continue;
      }
      if (++phone.retries > MAX_RETRIES) {
        fail(phone, phone.name() + ": no answer after " + MAX_RETRIES + " retries");
      } else if (phone.peer == null) {
        phone.sendRequest();
      } else {
        phone.acknowledge((phone.expectedBlock - 1) & 0xffff);
      }
    }
  }

  private static double percentile(long[] sorted, double fraction) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }
}
