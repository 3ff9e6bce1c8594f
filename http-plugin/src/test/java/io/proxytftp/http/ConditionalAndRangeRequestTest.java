package io.proxytftp.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Revalidation and resumption: phones and tools revalidate configuration with {@code
 * If-None-Match}/{@code If-Modified-Since} and resume firmware downloads with ranges.
 */
class ConditionalAndRangeRequestTest extends SharedHttpGatewayTest {
  static final String NAME = "SIP78xx.14-1-1MN-7.loads";
  static final String PATH = "/" + NAME;
  static final String OLD_DATE = "Sun, 06 Nov 1994 08:49:37 GMT";
  /** The file's modification time: fixed, on a one-digit day, so that no test depends on today. */
  static final Instant MODIFIED = Instant.parse("2026-12-04T03:05:09Z");

  static byte[] content;
  static String etag;
  static String lastModified;

  @BeforeAll
  static void writeFile() throws Exception {
    content = http.write(NAME, 10_000);
    Files.setLastModifiedTime(http.store().resolve(NAME), FileTime.from(MODIFIED));
    HttpResponse<byte[]> response = http.get(http.phones(PATH));
    etag = response.headers().firstValue("ETag").orElseThrow();
    lastModified = response.headers().firstValue("Last-Modified").orElseThrow();
  }

  private static HttpResponse<byte[]> get(String... headers) throws Exception {
    return http.get(http.phones(PATH), headers);
  }

  @Test
  void aMatchingIfNoneMatchIsNotModified() throws Exception {
    HttpResponse<byte[]> response = get("If-None-Match", etag);

    assertEquals(304, response.statusCode());
    assertEquals(0, response.body().length);
    assertEquals(etag, response.headers().firstValue("ETag").orElseThrow());
  }

  /** RFC 9110, 15.4.5 and 8.6: a 304 sends the headers the 200 would, and no length of a body. */
  @ParameterizedTest
  @ValueSource(strings = {"If-None-Match", "If-Modified-Since"})
  void aNotModifiedAnswerCarriesTheHeadersOfTheFullAnswerAndNoContentLength(String condition) throws Exception {
    RawExchange full = RawExchange.send(http.gateway().address("http"), "GET", PATH);
    String validator = condition.equals("If-None-Match") ? etag : lastModified;
    RawExchange notModified = RawExchange.send(http.gateway().address("http"), "GET", PATH, condition + ": " + validator);

    assertEquals(304, notModified.status(), notModified::toString);
    assertEquals(full.header("ETag"), notModified.header("ETag"), notModified::toString);
    assertEquals(full.header("Last-Modified"), notModified.header("Last-Modified"), notModified::toString);
    assertEquals(full.header("Cache-Control"), notModified.header("Cache-Control"), notModified::toString);
    assertEquals(Optional.empty(), notModified.header("Content-Length"), notModified::toString);
    assertEquals("", notModified.body());
  }

  @Test
  void aStaleIfNoneMatchGetsTheFile() throws Exception {
    HttpResponse<byte[]> response = get("If-None-Match", "\"not-this-one\"");

    assertEquals(200, response.statusCode());
    assertArrayEquals(content, response.body());
  }

  @Test
  void ifModifiedSinceTheLastModificationIsNotModified() throws Exception {
    assertEquals(304, get("If-Modified-Since", lastModified).statusCode());
  }

  /**
   * The file's last-modified date in each form RFC 9110 (5.6.7) says a recipient must accept: the
   * IMF-fixdate the gateway sends, and the obsolete RFC 850 and asctime forms older clients send.
   */
  @ParameterizedTest
  @ValueSource(strings = {"Fri, 04 Dec 2026 03:05:09 GMT", "Friday, 04-Dec-26 03:05:09 GMT", "Fri Dec  4 03:05:09 2026"})
  void everyFormOfTheLastModifiedDateIsUnderstood(String date) throws Exception {
    assertEquals("Fri, 04 Dec 2026 03:05:09 GMT", lastModified);
    assertEquals(304, get("If-Modified-Since", date).statusCode());
    assertEquals(206, get("Range", "bytes=100-199", "If-Range", date).statusCode());
  }

  @Test
  void ifModifiedSinceLongAgoGetsTheFile() throws Exception {
    assertEquals(200, get("If-Modified-Since", OLD_DATE).statusCode());
  }

  @Test
  void aFailingIfMatchIsPreconditionFailed() throws Exception {
    assertEquals(412, get("If-Match", "\"not-this-one\"").statusCode());
    assertEquals(200, get("If-Match", etag).statusCode());
  }

  @Test
  void ifUnmodifiedSinceLongAgoIsPreconditionFailed() throws Exception {
    assertEquals(412, get("If-Unmodified-Since", OLD_DATE).statusCode());
    assertEquals(200, get("If-Unmodified-Since", lastModified).statusCode());
  }

  @Test
  void aRangeGetsPartialContent() throws Exception {
    HttpResponse<byte[]> response = get("Range", "bytes=0-99");

    assertEquals(206, response.statusCode());
    assertEquals("bytes 0-99/10000", response.headers().firstValue("Content-Range").orElseThrow());
    assertEquals("100", response.headers().firstValue("Content-Length").orElseThrow());
    assertArrayEquals(Arrays.copyOfRange(content, 0, 100), response.body());
  }

  @Test
  void aSuffixRangeGetsTheEnd() throws Exception {
    HttpResponse<byte[]> response = get("Range", "bytes=-500");

    assertEquals(206, response.statusCode());
    assertEquals("bytes 9500-9999/10000", response.headers().firstValue("Content-Range").orElseThrow());
    assertArrayEquals(Arrays.copyOfRange(content, 9500, 10_000), response.body());
  }

  @Test
  void anOpenRangeGetsTheRest() throws Exception {
    HttpResponse<byte[]> response = get("Range", "bytes=9000-");

    assertEquals(206, response.statusCode());
    assertArrayEquals(Arrays.copyOfRange(content, 9000, 10_000), response.body());
  }

  @Test
  void anUnsatisfiableRangeIsRefused() throws Exception {
    HttpResponse<byte[]> response = get("Range", "bytes=20000-30000");

    assertEquals(416, response.statusCode());
    assertEquals("bytes */10000", response.headers().firstValue("Content-Range").orElseThrow());
  }

  @Test
  void multipleRangesComeAsMultipartByteranges() throws Exception {
    HttpResponse<byte[]> response = get("Range", "bytes=0-9,5000-5009");

    assertEquals(206, response.statusCode());
    String type = response.headers().firstValue("Content-Type").orElseThrow();
    assertTrue(type.startsWith("multipart/byteranges; boundary="), type);
    assertContainsAll(new String(response.body(), StandardCharsets.ISO_8859_1),
        "Content-Range: bytes 0-9/10000",
        "Content-Range: bytes 5000-5009/10000",
        new String(Arrays.copyOfRange(content, 0, 10), StandardCharsets.ISO_8859_1),
        new String(Arrays.copyOfRange(content, 5000, 5010), StandardCharsets.ISO_8859_1));
  }

  @Test
  void ifRangeWithTheCurrentTagGetsTheRange() throws Exception {
    HttpResponse<byte[]> response = get("Range", "bytes=100-199", "If-Range", etag);

    assertEquals(206, response.statusCode());
    assertArrayEquals(Arrays.copyOfRange(content, 100, 200), response.body());
  }

  @Test
  void ifRangeWithAStaleTagGetsTheWholeFile() throws Exception {
    HttpResponse<byte[]> response = get("Range", "bytes=100-199", "If-Range", "\"stale\"");

    assertEquals(200, response.statusCode());
    assertArrayEquals(content, response.body());
  }

  @Test
  void ifRangeWithTheLastModifiedDateGetsTheRangeAndAnOlderDateTheWholeFile() throws Exception {
    assertEquals(206, get("Range", "bytes=100-199", "If-Range", lastModified).statusCode());
    assertEquals(200, get("Range", "bytes=100-199", "If-Range", OLD_DATE).statusCode());
  }
}
