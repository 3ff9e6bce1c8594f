package io.proxytftp.tftp.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxytftp.testing.RunningGateway;
import io.proxytftp.testing.TestConfigs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.commons.net.tftp.TFTP;
import org.apache.commons.net.tftp.TFTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Downloads with Apache Commons Net's TFTPClient, an independent lock-step client. */
class CommonsNetClientDownloadTest extends SharedStoreGatewayTest {

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 511, 512, 513, 1024, 1 << 20})
  void octetDownloadIsByteIdentical(int size) throws Exception {
    String name = "file-" + size + ".bin";
    byte[] content = TftpTestFiles.write(store, name, size);
    assertArrayEquals(content, download(name, TFTP.BINARY_MODE));
  }

  @Test
  void fileOver65535BlocksRollsOverAndArrivesIntact() throws Exception {
    byte[] content = TftpTestFiles.write(store, "loads/P0030801SR02.sbn", 40 << 20);
    assertArrayEquals(content, download("loads/P0030801SR02.sbn", TFTP.BINARY_MODE));
  }

  @Test
  void missingFileFailsTheDownloadWithFileNotFound() {
    IOException failure = assertThrows(IOException.class, () -> download("SEP0000DEADBEEF.cnf.xml", TFTP.BINARY_MODE));
    assertTrue(failure.getMessage().contains("not found"), failure.getMessage());
  }

  @Test
  void netasciiDownloadRestoresLineEnds() throws Exception {
    String text = "<ringList>\n<Ring>\n</Ring>\n</ringList>\n".repeat(50);
    Files.writeString(store.resolve("RingList.xml"), text);
    byte[] received = download("RingList.xml", TFTP.ASCII_MODE);
    // Commons Net turns netascii into this JVM's line separator, which is LF on Linux.
    assertEquals(text, new String(received, StandardCharsets.US_ASCII));
  }

  @Test
  void ipv6LoopbackServesTheSameBytes() throws Exception {
    InetAddress v6 = InetAddress.getByName("::1");
    try (RunningGateway v6Gateway = RunningGateway.start(
        TestConfigs.gateway(directory.resolve("v6"), store, v6, TestConfigs.limits()))) {
      byte[] content = TftpTestFiles.write(store, "v6.bin", 3000);
      assertArrayEquals(content, download(v6Gateway.address("tftp"), "v6.bin", TFTP.BINARY_MODE));
    }
  }

  private static byte[] download(String name, int mode) throws IOException {
    return download(server, name, mode);
  }

  private static byte[] download(InetSocketAddress address, String name, int mode) throws IOException {
    TFTPClient client = new TFTPClient();
    client.open();
    try {
      client.setSoTimeout(java.time.Duration.ofSeconds(2));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      client.receiveFile(name, mode, out, address.getAddress(), address.getPort());
      return out.toByteArray();
    } finally {
      client.close();
    }
  }
}
