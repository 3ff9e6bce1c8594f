package io.proxytftp.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxytftp.testing.CascadedGateways;
import io.proxytftp.testing.RunningGateway;
import io.proxytftp.testing.TestConfigs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Validators of files the gateway fetches from a cluster (here another gateway, over TFTP): an
 * entity tag names the bytes, so it is the same from the first answer on, a download resumes with
 * it, and a device file fetched afresh on every request is not modified while its content stays
 * the same.
 */
class FetchedFileValidatorsTest {
  static final String LOAD = "SIP88xx.14-2-1-0001-10.loads";
  static final String DEVICE = "SEP00AABBCCDDEE.cnf.xml";

  @TempDir Path directory;
  CascadedGateways gateways;
  final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeEach
  void start() throws Exception {
    gateways = CascadedGateways.start(directory, "gw-phones", "cluster",
        (id, gateway) -> TestConfigs.cluster(id, gateway.address("tftp")));
  }

  @AfterEach
  void stop() {
    gateways.close();
  }

  private HttpResponse<byte[]> send(String method, String name, String... headers) throws Exception {
    RunningGateway phones = gateways.first();
    HttpRequest.Builder request = HttpGateway.request(URI.create("http://127.0.0.1:"
        + phones.address("http").getPort() + "/" + name), headers);
    return client.send(request.method(method, HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static Optional<String> header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name);
  }

  /** A response's entity tag and date, both required. */
  private record Validators(String tag, String date) {
    static Validators of(HttpResponse<?> response) {
      return new Validators(header(response, "ETag").orElseThrow(), header(response, "Last-Modified").orElseThrow());
    }
  }

  private byte[] upstreamFile(String name, int size, long seed) throws Exception {
    byte[] content = new byte[size];
    new Random(seed).nextBytes(content);
    Files.write(gateways.secondStore().resolve(name), content);
    return content;
  }

  @Test
  void aFetchedFileKeepsItsEntityTagFromTheFirstAnswerAndADownloadResumesWithIt() throws Exception {
    byte[] content = upstreamFile(LOAD, 5_000_000, 1);

    HttpResponse<byte[]> first = send("GET", LOAD);
    assertEquals(200, first.statusCode());
    assertArrayEquals(content, first.body());
    String tag = header(send("HEAD", LOAD), "ETag").orElseThrow();
    assertEquals(tag, header(send("GET", LOAD), "ETag").orElseThrow());
    // The first answer, sent while the file was arriving, names it by the same tag or by none.
    header(first, "ETag").ifPresent(firstTag -> assertEquals(tag, firstTag));
    header(first, "Last-Modified").ifPresent(date -> assertTrue(header(first, "ETag").isPresent(),
        "a date without a tag while the file arrives"));

    HttpResponse<byte[]> resumed = send("GET", LOAD, "Range", "bytes=4000000-", "If-Range", tag);
    assertEquals(206, resumed.statusCode());
    assertArrayEquals(Arrays.copyOfRange(content, 4_000_000, content.length), resumed.body());
  }

  @Test
  void aDeviceFileWhoseContentDidNotChangeKeepsItsValidatorsAndIsNotModified() throws Exception {
    upstreamFile(DEVICE, 6_000, 2);

    Validators first = Validators.of(send("GET", DEVICE));
    assertEquals(first, Validators.of(send("GET", DEVICE)));

    assertEquals(304, send("GET", DEVICE, "If-None-Match", first.tag()).statusCode());
    HttpResponse<byte[]> unmodified = send("GET", DEVICE, "If-Modified-Since", first.date());
    assertEquals(304, unmodified.statusCode());
    assertEquals(first, Validators.of(unmodified));
  }

  @Test
  void aDeviceFileWhoseContentChangedGetsANewTagAndALaterDate() throws Exception {
    upstreamFile(DEVICE, 6_000, 3);
    Validators before = Validators.of(send("GET", DEVICE));

    byte[] changed = upstreamFile(DEVICE, 6_000, 4);
    HttpResponse<byte[]> after = send("GET", DEVICE, "If-None-Match", before.tag());
    assertEquals(200, after.statusCode());
    assertArrayEquals(changed, after.body());
    assertNotEquals(before.tag(), Validators.of(after).tag());
    assertEquals(200, send("GET", DEVICE, "If-Modified-Since", before.date()).statusCode());
  }
}
