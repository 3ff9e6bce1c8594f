package io.proxytftp.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The phones' HTTP service as curl, an independent client, sees it: ranges, HEAD and
 * revalidation. {@code interop/install-peers} installs curl.
 */
class CurlInteropTest extends SharedHttpGatewayTest {
  static final String CURL = "/usr/bin/curl";

  static byte[] content;

  @BeforeAll
  static void writeFile() throws Exception {
    content = http.write("SEP001122334455.cnf.xml.sgn", 13_000);
  }

  private record Result(int exitCode, String output) {}

  private static Result curl(String... arguments) throws IOException, InterruptedException {
    if (!Files.isExecutable(Path.of(CURL))) {
      throw new AssertionError(CURL + " is not installed: run interop/install-peers");
    }
    List<String> command = new ArrayList<>(List.of(CURL, "-sS", "--max-time", "30"));
    command.addAll(List.of(arguments));
    Path log = Files.createTempFile(directory, "curl", ".log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish within 60 s");
    }
    Result result = new Result(process.exitValue(), Files.readString(log));
    assertEquals(0, result.exitCode(), () -> String.join(" ", command) + " failed:\n" + result.output());
    return result;
  }

  private static String url() {
    return http.phones("/SEP001122334455.cnf.xml.sgn").toString();
  }

  @Test
  void curlFetchesARange() throws Exception {
    Path out = directory.resolve("range.out");

    curl("-r", "0-99", "-o", out.toString(), url());

    assertArrayEquals(Arrays.copyOfRange(content, 0, 100), Files.readAllBytes(out));
  }

  @Test
  void curlHeadShowsTheValidators() throws Exception {
    String headers = curl("-I", url()).output();

    assertTrue(headers.startsWith("HTTP/1.1 200"), headers);
    assertContainsAll(headers, "Content-Length: 13000", "ETag: \"", "Last-Modified: ", "Accept-Ranges: bytes");
  }

  @Test
  void curlRevalidatesWithItsEntityTag() throws Exception {
    String etag = curl("-I", url()).output().lines()
        .filter(line -> line.startsWith("ETag: "))
        .map(line -> line.substring("ETag: ".length()).trim())
        .findFirst()
        .orElseThrow();

    String status = curl("-o", "/dev/null", "-w", "%{http_code}", "-H", "If-None-Match: " + etag, url()).output();

    assertEquals("304", status);
  }
}
