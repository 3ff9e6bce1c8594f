package io.proxytftp.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxytftp.identity.InstanceToken;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What a phone sees asking the gateway for files over HTTP, as newer phones do before TFTP. */
class PhoneFileServiceTest extends SharedHttpGatewayTest {
  /**
   * IMF-fixdate (RFC 9110, 5.6.7), the one form an HTTP date may be sent in: a two-digit day,
   * English names, GMT. Not {@link DateTimeFormatter#RFC_1123_DATE_TIME}, which writes a one-digit
   * day on the 1st to the 9th of a month.
   */
  static final DateTimeFormatter IMF_FIXDATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

  @Test
  void getServesAStoreFileWithItsValidators() throws Exception {
    byte[] content = http.write("SEP001122334455.cnf.xml.sgn", 13_000);
    Instant modified = Files.getLastModifiedTime(http.store().resolve("SEP001122334455.cnf.xml.sgn")).toInstant();

    HttpResponse<byte[]> response = http.get(http.phones("/SEP001122334455.cnf.xml.sgn"));

    assertEquals(200, response.statusCode());
    assertArrayEquals(content, response.body());
    assertEquals("13000", response.headers().firstValue("Content-Length").orElseThrow());
    assertEquals("application/octet-stream", response.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("bytes", response.headers().firstValue("Accept-Ranges").orElseThrow());
    assertEquals(IMF_FIXDATE.format(modified), response.headers().firstValue("Last-Modified").orElseThrow());
    String etag = response.headers().firstValue("ETag").orElseThrow();
    assertTrue(etag.startsWith("\"") && etag.endsWith("\""), "a strong, quoted entity tag: " + etag);
  }

  /**
   * A fixed modification time on a one-digit day, so that the form is checked whatever today is
   * (and whatever the machine's zone and language): the day has two digits and the zone is GMT.
   */
  @Test
  void lastModifiedIsAnImfFixdateWithATwoDigitDay() throws Exception {
    http.write("SEP0011AABB2233.cnf.xml", 100);
    Files.setLastModifiedTime(http.store().resolve("SEP0011AABB2233.cnf.xml"),
        FileTime.from(Instant.parse("2026-12-04T03:05:09.250Z")));

    HttpResponse<byte[]> response = http.get(http.phones("/SEP0011AABB2233.cnf.xml"));

    assertEquals(200, response.statusCode());
    assertEquals("Fri, 04 Dec 2026 03:05:09 GMT", response.headers().firstValue("Last-Modified").orElseThrow());
  }

  @Test
  void xmlIsServedAsTextXmlWithoutCharset() throws Exception {
    http.write("XMLDefault.cnf.xml", 1_500);

    HttpResponse<byte[]> response = http.get(http.phones("/XMLDefault.cnf.xml"));

    assertEquals(200, response.statusCode());
    assertEquals("text/xml", response.headers().firstValue("Content-Type").orElseThrow());
  }

  @ParameterizedTest
  @CsvSource({
      "English_United_States/mk-sip.jar, /English_United_States/mk-sip.jar, 20000",
      "Desktops/320x212x16/List.xml, /Desktops%2F320x212x16/List%2Exml, 300",
      "mk-sip.jar, //mk-sip.jar, 300",
      "SIP88xx.14-2-1SR1-1.sbn, /SIP88xx.14-2-1SR1-1.sbn, 6291463"})
  void aFileIsServedByteForByteUnderItsPercentDecodedPath(String name, String rawPath, int size) throws Exception {
    byte[] content = http.write(name, size);

    HttpResponse<byte[]> response = http.get(http.phones(rawPath));

    assertEquals(200, response.statusCode());
    assertArrayEquals(content, response.body());
  }

  @Test
  void headAnswersTheHeadersOfGetWithoutABody() throws Exception {
    http.write("P0030801SR02.loads", 400);
    HttpResponse<byte[]> get = http.get(http.phones("/P0030801SR02.loads"));

    HttpResponse<String> head = http.send("HEAD", http.phones("/P0030801SR02.loads"));

    assertEquals(200, head.statusCode());
    assertEquals("", head.body());
    for (String header : new String[] {"Content-Length", "ETag", "Last-Modified", "Content-Type", "Accept-Ranges"}) {
      assertEquals(get.headers().firstValue(header), head.headers().firstValue(header), header);
    }
  }

  @Test
  void aMissingFileIsNotFound() throws Exception {
    HttpResponse<String> response = http.getText(http.phones("/SEP0000DEADBEEF.cnf.xml"));

    assertEquals(404, response.statusCode());
  }

  /** Another proxytftp gateway asking learns which gateway it asked, whether the file is here or not. */
  @ParameterizedTest
  @ValueSource(strings = {"/P0030801SR03.loads", "/SEP0000DEADBEEF.cnf.xml"})
  void aRequestFromAnotherGatewayIsAnsweredWithThisGatewaysHop(String path) throws Exception {
    http.write("P0030801SR03.loads", 100);

    HttpResponse<byte[]> response = http.get(http.phones(path), "Proxytftp-Via", "gw-a#2xw4tq9p");

    assertEquals(http.gateway().instance(InstanceToken.class).hop().toString(),
        response.headers().firstValue("Proxytftp-Hop").orElseThrow(), () -> "status " + response.statusCode());
  }

  @Test
  void aPhonesRequestGetsNoHop() throws Exception {
    http.write("P0030801SR03.loads", 100);

    HttpResponse<byte[]> response = http.get(http.phones("/P0030801SR03.loads"));

    assertEquals(200, response.statusCode());
    assertEquals(Optional.empty(), response.headers().firstValue("Proxytftp-Hop"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/..%2f..%2fetc%2fpasswd", "/a/%2e%2e/%2e%2e/x", "/a/../../x", "/C%3a/boot.ini", "/"})
  void namesThatCouldLeaveTheStoreAreRefused(String rawPath) throws Exception {
    HttpResponse<String> response = http.getText(http.phones(rawPath));

    assertEquals(400, response.statusCode(), response.body());
  }

  @Test
  void aRefusalSaysWhyInPlainText() throws Exception {
    HttpResponse<String> response = http.getText(http.phones("/..%2f..%2fetc%2fpasswd"));

    assertEquals(400, response.statusCode());
    assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
    assertTrue(response.body().contains(".."), response.body());
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT", "DELETE", "OPTIONS"})
  void otherMethodsAreNotAllowed(String method) throws Exception {
    http.write("RingList.xml", 100);

    HttpResponse<String> response = http.send(method, http.phones("/RingList.xml"));

    assertEquals(405, response.statusCode());
    assertEquals("GET, HEAD", response.headers().firstValue("Allow").orElseThrow());
    assertTrue(Files.exists(http.store().resolve("RingList.xml")));
  }

  @Test
  void anEmptyFileIsServedEmpty() throws Exception {
    http.write("empty.txt", 0);

    HttpResponse<byte[]> response = http.get(http.phones("/empty.txt"));

    assertEquals(200, response.statusCode());
    assertEquals(0, response.body().length);
    assertEquals("0", response.headers().firstValue("Content-Length").orElseThrow());
  }
}
