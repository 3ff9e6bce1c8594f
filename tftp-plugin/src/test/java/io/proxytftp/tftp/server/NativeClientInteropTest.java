package io.proxytftp.tftp.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Interop with the native clients a user would pick: curl, atftp and tftp-hpa fetch files from the
 * gateway and the bytes are compared. {@code interop/install-peers} installs them.
 */
class NativeClientInteropTest extends SharedStoreGatewayTest {

  @ParameterizedTest
  @ValueSource(ints = {0, 512, 1428, 65464})
  void curlFetchesWithBlksize(int blockSize) throws Exception {
    byte[] content = TftpTestFiles.write(store, "curl-" + blockSize + ".bin", 300_000);
    Path out = directory.resolve("curl-" + blockSize + ".out");
    List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "60", "-o", out.toString()));
    if (blockSize > 0) {
      command.addAll(List.of("--tftp-blksize", Integer.toString(blockSize)));
    } else {
      command.add("--tftp-no-options");
    }
    command.add("tftp://" + host() + ":" + server.getPort() + "/curl-" + blockSize + ".bin");
    run(command);
    assertArrayEquals(content, Files.readAllBytes(out));
  }

  @Test
  void curlReportsMissingFile() throws Exception {
    Result result = runAllowingFailure(List.of("curl", "-sS", "--max-time", "20", "-o", directory.resolve("none").toString(),
        "tftp://" + host() + ":" + server.getPort() + "/SEP000000000000.cnf.xml"));
    assertEquals(68, result.exitCode(), "curl's exit code for TFTP 'file not found'; output: " + result.output());
  }

  @Test
  void atftpFetchesWithBlksizeWindowsizeAndTsize() throws Exception {
    byte[] content = TftpTestFiles.write(store, "atftp.bin", 2_000_000);
    Path out = directory.resolve("atftp.out");
    run(List.of("atftp", "--option", "blksize 1428", "--option", "windowsize 16", "--option", "tsize 0",
        "-g", "-r", "atftp.bin", "-l", out.toString(), host(), Integer.toString(server.getPort())));
    assertArrayEquals(content, Files.readAllBytes(out));
  }

  @Test
  void atftpWithTsizeEnableAsItsManualWritesGetsTheRealSizeAndTheFile() throws Exception {
    byte[] content = TftpTestFiles.write(store, "atftp-tsize.bin", 30_000);
    Path out = directory.resolve("atftp-tsize.out");
    List<String> command = List.of("atftp", "--trace", "--option", "tsize enable",
        "-g", "-r", "atftp-tsize.bin", "-l", out.toString(), host(), Integer.toString(server.getPort()));
    Result result = runAllowingFailure(command);
    assertEquals(0, result.exitCode(), () -> String.join(" ", command) + " failed:\n" + result.output());
    assertTrue(result.output().contains("received OACK <tsize: 30000"), result.output());
    assertArrayEquals(content, Files.readAllBytes(out));
  }

  @Test
  void atftpAskingMoreThanAllowedIsGrantedTheLargestBlksizeAndWindowsizeAndGetsTheFile() throws Exception {
    byte[] content = TftpTestFiles.write(store, "atftp-large.bin", 1_000_000);
    Path out = directory.resolve("atftp-large.out");
    List<String> command = List.of("atftp", "--trace", "--option", "blksize 65535", "--option", "windowsize 70000",
        "-g", "-r", "atftp-large.bin", "-l", out.toString(), host(), Integer.toString(server.getPort()));
    Result result = runAllowingFailure(command);
    assertEquals(0, result.exitCode(), () -> String.join(" ", command) + " failed:\n" + result.output());
    String oack = result.output().lines().filter(line -> line.startsWith("received OACK")).findFirst().orElse("");
    // The shared gateway allows blksize 65464 (the RFC 2348 maximum) and windowsize 64.
    assertTrue(oack.contains("blksize: 65464,") && oack.contains("windowsize: 64,"), result.output());
    assertArrayEquals(content, Files.readAllBytes(out));
  }

  @Test
  void atftpFetchesInLockStep() throws Exception {
    byte[] content = TftpTestFiles.write(store, "atftp-plain.bin", 100_000);
    Path out = directory.resolve("atftp-plain.out");
    run(List.of("atftp", "-g", "-r", "atftp-plain.bin", "-l", out.toString(), host(), Integer.toString(server.getPort())));
    assertArrayEquals(content, Files.readAllBytes(out));
  }

  @Test
  void tftpHpaFetchesInBinaryMode() throws Exception {
    byte[] content = TftpTestFiles.write(store, "SEP001122334455.cnf.xml", 13_000);
    Path out = directory.resolve("hpa.out");
    run(List.of("tftp", "-m", "binary", host(), Integer.toString(server.getPort()),
        "-c", "get", "SEP001122334455.cnf.xml", out.toString()));
    assertArrayEquals(content, Files.readAllBytes(out));
  }

  @Test
  void tftpHpaFetchesInNetasciiMode() throws Exception {
    String text = "<device>\n  <loadInformation>P003</loadInformation>\n</device>\n";
    Files.writeString(store.resolve("XMLDefault.cnf.xml"), text);
    Path out = directory.resolve("hpa-ascii.out");
    run(List.of("tftp", "-m", "netascii", host(), Integer.toString(server.getPort()),
        "-c", "get", "XMLDefault.cnf.xml", out.toString()));
    assertEquals(text, Files.readString(out, StandardCharsets.US_ASCII));
  }

  private static String host() {
    return server.getAddress().getHostAddress();
  }

  private record Result(int exitCode, String output) {}

  private static void run(List<String> command) throws IOException, InterruptedException {
    Result result = runAllowingFailure(command);
    assertEquals(0, result.exitCode(), () -> String.join(" ", command) + " failed:\n" + result.output());
  }

  private static Result runAllowingFailure(List<String> command) throws IOException, InterruptedException {
    Path log = Files.createTempFile(directory, "client", ".log");
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    } catch (IOException e) {
      throw new AssertionError(command.get(0) + " is not installed: run interop/install-peers", e);
    }
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish within 90 s");
    }
    return new Result(process.exitValue(), Files.readString(log));
  }
}
