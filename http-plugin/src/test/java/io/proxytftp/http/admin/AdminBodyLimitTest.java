package io.proxytftp.http.admin;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The admin API reads at most 64 KiB of a request body, however the body is framed. */
class AdminBodyLimitTest {
  final HttpClient http = HttpClient.newHttpClient();
  @RegisterExtension final AdminGateway gateway = new AdminGateway();

  /** A body the JDK client sends chunked, since it cannot know the length ahead. */
  private HttpResponse<String> postChunked(String body) throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    HttpRequest request = HttpRequest.newBuilder(gateway.api("/clusters"))
        .header("Authorization", "Bearer " + AdminApiTest.TOKEN)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void chunkedBodyOverTheLimitIsRefused() throws Exception {
    HttpResponse<String> refused = postChunked(" ".repeat(70_000) + AdminApiTest.CLUSTER);
    assertEquals(413, refused.statusCode(), refused.body());
    assertTrue(refused.body().contains("at most 65536 bytes"), refused.body());
    assertEquals(201, postChunked(AdminApiTest.CLUSTER).statusCode(), "a small chunked body is read");
  }

  @Test
  void chunkedBodyThatNeverEndsIsRefusedAtTheLimitAndTheConnectionClosed() throws Exception {
    try (Socket socket = new Socket(gateway.address().getAddress(), gateway.address().getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /api/v1/clusters HTTP/1.1\r\nHost: admin\r\nAuthorization: Bearer " + AdminApiTest.TOKEN
          + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(ISO_8859_1));
      String chunk = " ".repeat(8192);
      for (int i = 0; i < 10; i++) {
        out.write((Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n").getBytes(ISO_8859_1));
      }
      out.flush(); // and no last chunk: a server that reads to the end waits for ever

      InputStream in = socket.getInputStream();
      String answer = new String(in.readAllBytes(), ISO_8859_1);
      assertTrue(answer.startsWith("HTTP/1.1 413 "), answer);
      assertTrue(answer.contains("\"error\""), answer);
    }
  }
}
