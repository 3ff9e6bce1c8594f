package io.proxytftp.tftp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.proxytftp.tftp.codec.DataPacket;
import io.proxytftp.tftp.codec.ErrorPacket;
import io.proxytftp.tftp.codec.OptionAckPacket;
import io.proxytftp.tftp.codec.TftpPacket;
import io.proxytftp.tftp.codec.TransferMode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A download by {@link RawTftpClient} that survives a lossy network the way a phone does: sends the
 * request again until something answers, acknowledges the last block received in order again when
 * the server falls silent, reports a gap in a window once (RFC 7440), and answers a block sent again
 * after its last ACK with that ACK again. Old and duplicate blocks are never written twice.
 *
 * @param blockSize the blksize asked for; with {@code windowSize} 1 and 512 no option is sent, as
 *     most phones do
 * @param firstReplyPatience how long to wait for the first answer (a proxy may be fetching the file)
 */
record PatientDownload(int blockSize, int windowSize, Duration firstReplyPatience) {
  /** How long the client waits for the next block in order before it says again what it has. */
  static final Duration RESEND = Duration.ofMillis(250);
  /** Resends in a row without progress, once the transfer runs, after which the server is taken for gone. */
  static final int MAX_SILENCES = 20;

  /** Lock-step with 512-byte blocks, no options. */
  static PatientDownload lockStep() {
    return new PatientDownload(512, 1, Duration.ofSeconds(10));
  }

  static PatientDownload windowed(int blockSize, int windowSize) {
    return new PatientDownload(blockSize, windowSize, Duration.ofSeconds(10));
  }

  /** Downloads {@code name} from {@code server} and returns its bytes, or fails saying why. */
  byte[] from(InetSocketAddress server, String name) throws IOException {
    try (RawTftpClient client = new RawTftpClient(server)) {
      return run(client, name);
    }
  }

  private Map<String, String> options() {
    return blockSize == 512 && windowSize == 1 ? Map.of()
        : Map.of("blksize", Integer.toString(blockSize), "windowsize", Integer.toString(windowSize));
  }

  private byte[] run(RawTftpClient client, String name) throws IOException {
    client.readRequest(name, TransferMode.OCTET, options());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long firstReplyBy = System.nanoTime() + firstReplyPatience.toNanos();
    long resendAt = System.nanoTime() + RESEND.toNanos();
    long next = 1;
    int sinceAck = 0;
    int silences = 0;
    boolean gapReported = false;
    while (true) {
      // The resend timer runs from the last progress, not the last packet: copies of old blocks
      // must not keep it from firing (atftp's flaw, see LossyPhoneNetworkTest).
      Optional<RawTftpClient.Received> got = client.poll(Duration.ofNanos(Math.max(0, resendAt - System.nanoTime())));
      if (got.isEmpty()) {
        resendAt = System.nanoTime() + RESEND.toNanos();
        if (client.peer() == null) {
          if (System.nanoTime() > firstReplyBy) {
            throw new AssertionError("no answer to the request for " + name + " within " + firstReplyPatience);
          }
          client.readRequest(name, TransferMode.OCTET, options()); // the request or its answer was lost
        } else {
          if (++silences > MAX_SILENCES) {
            throw new AssertionError("no progress from the server at block " + next + " of " + name);
          }
          client.ack(wire(next - 1));
          sinceAck = 0;
        }
        continue;
      }
      if (!got.get().from().equals(client.peer())) {
        continue; // from another port than the transfer's: not ours
      }
      TftpPacket packet = got.get().packet();
      if (packet instanceof ErrorPacket error) {
        throw new AssertionError("the server sent error " + error.error() + ": " + error.message());
      }
      if (packet instanceof OptionAckPacket oack) {
        assertEquals(Integer.toString(blockSize), oack.options().get("blksize"), "blksize granted");
        if (next == 1) {
          client.ack(0); // the OACK, or a copy of it because our ACK was lost
        }
        continue;
      }
      DataPacket data = (DataPacket) packet;
      if (data.block() != wire(next)) {
        // A gap, or an old block sent again after our last ACK was lost: say where we are, once. An
        // old block mid-window is only a copy the network made.
        boolean ahead = ((data.block() - wire(next)) & 0xFFFF) < 0x8000;
        if (!gapReported && (ahead || sinceAck == 0)) {
          gapReported = true;
          client.ack(wire(next - 1));
          sinceAck = 0;
        }
        continue;
      }
      silences = 0;
      gapReported = false;
      resendAt = System.nanoTime() + RESEND.toNanos();
      int length = data.payload().remaining();
      byte[] payload = new byte[length];
      data.payload().get(payload);
      out.write(payload);
      next++;
      boolean last = length < blockSize;
      if (last || ++sinceAck == windowSize) {
        client.ack(data.block());
        sinceAck = 0;
      }
      if (last) {
        return out.toByteArray();
      }
    }
  }

  private static int wire(long block) {
    return (int) (block & 0xFFFF);
  }
}
