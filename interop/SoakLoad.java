import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The soak's load: WORKERS threads for SECONDS, each repeatedly picking one of TFTP lock-step
 * (no options, as phones ask), TFTP windowed (blksize 1428, windowsize 8), HTTP, a missing file
 * over TFTP or HTTP, or a malformed datagram, and checking every completed download against the
 * SHA-256 in MANIFEST (lines "sha256  name", as sha256sum writes them).
 *
 * <p>{@code java interop/SoakLoad.java HOST TFTP_PORT HTTP_PORT MANIFEST SECONDS WORKERS}. Prints one
 * line of key=value pairs: attempted, correct, failed (cleanly: an ERROR, a 404/503, a timeout),
 * wrong (bytes that differ, or content for a file nobody has: must be 0), malformed.
 */
public final class SoakLoad {
  private static final int TIMEOUT_MS = 2_000;
  private static final int RETRIES = 5;

  private final InetAddress host;
  private final int tftpPort;
  private final int httpPort;
  private final List<String> names;
  private final Map<String, String> digests;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final AtomicLong attempted = new AtomicLong();
  private final AtomicLong correct = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong wrong = new AtomicLong();
  private final AtomicLong malformed = new AtomicLong();

  private SoakLoad(InetAddress host, int tftpPort, int httpPort, Map<String, String> digests) {
    this.host = host;
    this.tftpPort = tftpPort;
    this.httpPort = httpPort;
    this.digests = digests;
    this.names = List.copyOf(digests.keySet());
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> digests = new java.util.HashMap<>();
    for (String line : Files.readAllLines(Path.of(args[3]))) {
      String[] fields = line.trim().split("\\s+\\*?", 2);
      digests.put(fields[1], fields[0]);
    }
    SoakLoad load = new SoakLoad(InetAddress.getByName(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]), digests);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[4]));
    int workers = Integer.parseInt(args[5]);
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    for (int i = 0; i < workers; i++) {
      pool.execute(() -> {
        while (System.nanoTime() < end) {
          load.once();
        }
      });
    }
    pool.shutdown();
    pool.awaitTermination(Long.parseLong(args[4]) + 120, TimeUnit.SECONDS);
    System.out.printf("attempted=%d correct=%d failed=%d wrong=%d malformed=%d%n", load.attempted.get(),
        load.correct.get(), load.failed.get(), load.wrong.get(), load.malformed.get());
  }

  private void once() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String name = names.get(random.nextInt(names.size()));
    int kind = random.nextInt(20);
    try {
      if (kind == 0) {
        malformed();
        return;
      }
      attempted.incrementAndGet();
      if (kind == 1) {
        missing(tftp("SEP0000DEAD" + String.format("%04X", random.nextInt(0x10000)) + ".cnf.xml", false));
      } else if (kind == 2) {
        missing(get("no-such-file-" + random.nextInt(1000) + ".bin"));
      } else if (kind < 9) {
        check(name, tftp(name, false));
      } else if (kind < 15) {
        check(name, tftp(name, true));
      } else {
        check(name, get(name));
      }
    } catch (IOException e) {
      failed.incrementAndGet();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void check(String name, byte[] content) {
    if (content == null) {
      failed.incrementAndGet();
    } else if (digests.get(name).equals(sha256(content))) {
      correct.incrementAndGet();
    } else {
      wrong.incrementAndGet();
      System.err.println("WRONG: " + name + " (" + content.length + " bytes)");
    }
  }

  private void missing(byte[] content) {
    if (content == null) {
      correct.incrementAndGet(); // "not found" is the right answer
    } else {
      wrong.incrementAndGet();
      System.err.println("WRONG: content for a file nobody has");
    }
  }

  private void malformed() throws IOException {
    byte[] garbage = new byte[ThreadLocalRandom.current().nextInt(1, 600)];
    ThreadLocalRandom.current().nextBytes(garbage);
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(host, 0))) {
      socket.send(new DatagramPacket(garbage, garbage.length, host, tftpPort));
    }
    malformed.incrementAndGet();
  }

  /** The body, or null for 404/503 (a clean refusal). */
  private byte[] get(String name) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host.getHostAddress() + ":" + httpPort + "/" + name))
        .timeout(Duration.ofSeconds(30)).build();
    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    return response.statusCode() == 200 ? response.body() : null;
  }

  /** The file, or null after an ERROR packet; IOException after the retries ran out. */
  private byte[] tftp(String name, boolean windowed) throws IOException {
    int blockSize = windowed ? 1428 : 512;
    int windowSize = windowed ? 8 : 1;
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.write(0);
    request.write(1);
    request.writeBytes((name + "\0octet\0").getBytes(StandardCharsets.US_ASCII));
    if (windowed) {
      request.writeBytes(("blksize\0" + blockSize + "\0windowsize\0" + windowSize + "\0").getBytes(StandardCharsets.US_ASCII));
    }
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(host, 0))) {
      socket.setSoTimeout(TIMEOUT_MS);
      byte[] rrq = request.toByteArray();
      DatagramPacket last = new DatagramPacket(rrq, rrq.length, host, tftpPort);
      socket.send(last);
      ByteArrayOutputStream content = new ByteArrayOutputStream();
      byte[] buffer = new byte[65_536];
      int expected = 1;
      int inWindow = 0;
      int timeouts = 0;
      boolean optionsAnswered = !windowed;
      while (true) {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
          socket.receive(packet);
        } catch (SocketTimeoutException e) {
          if (++timeouts > RETRIES) {
            throw new IOException("no answer for " + name);
          }
          socket.send(last);
          continue;
        }
        ByteBuffer datagram = ByteBuffer.wrap(buffer, 0, packet.getLength());
        int opcode = datagram.getShort() & 0xFFFF;
        if (opcode == 5) {
          return null;
        }
        if (opcode == 6 && !optionsAnswered) {
          optionsAnswered = true;
          last = ack(0, packet);
          socket.send(last);
          continue;
        }
        if (opcode != 3) {
          continue;
        }
        if (!optionsAnswered) {
          blockSize = 512; // no OACK: RFC 1350
          windowSize = 1;
          optionsAnswered = true;
        }
        int block = datagram.getShort() & 0xFFFF;
        if (block != (expected & 0xFFFF)) {
          inWindow = 0;
          last = ack((expected - 1) & 0xFFFF, packet); // out of order: ask again from the last good block
          socket.send(last);
          continue;
        }
        timeouts = 0;
        int length = datagram.remaining();
        content.write(buffer, 4, length);
        expected++;
        inWindow++;
        if (length < blockSize || inWindow == windowSize) {
          inWindow = 0;
          last = ack(block, packet);
          socket.send(last);
        }
        if (length < blockSize) {
          return content.toByteArray();
        }
      }
    }
  }

  private static DatagramPacket ack(int block, DatagramPacket to) {
    byte[] ack = {0, 4, (byte) (block >> 8), (byte) block};
    return new DatagramPacket(ack, ack.length, to.getSocketAddress());
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
