package io.proxytftp.http.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A web page must not be able to drive the admin API through a browser that holds its basic
 * credentials: changes from a foreign origin, and bodies a form or a "simple" request can send,
 * are refused. curl, as an admin uses it, sends no Origin and stays allowed.
 */
class AdminCrossSiteTest {
  static final String CURL = "/usr/bin/curl";
  static final String EVIL = "http://evil.example";

  final ObjectMapper json = new ObjectMapper();
  @RegisterExtension final AdminGateway gateway = new AdminGateway();

  private record Answer(int status, JsonNode body) {}

  /** curl with the basic credentials; {@code arguments} add headers, method and body. */
  private Answer curl(String path, String... arguments) throws Exception {
    Path body = Files.createTempFile(gateway.directory(), "body", ".json");
    List<String> command = new ArrayList<>(List.of(CURL, "-sS", "--max-time", "30", "-u", "ops:correct horse battery",
        "-o", body.toString(), "-w", "%{http_code}"));
    command.addAll(List.of(arguments));
    command.add(gateway.api(path).toString());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String status = new String(process.getInputStream().readAllBytes()).strip();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "curl did not finish");
    assertEquals(0, process.exitValue(), status);
    String text = Files.readString(body);
    return new Answer(Integer.parseInt(status), text.isEmpty() ? null : json.readTree(text));
  }

  private Answer addCluster(String id, String... headers) throws Exception {
    List<String> arguments = new ArrayList<>(List.of(headers));
    arguments.addAll(List.of("-X", "POST", "--data", AdminApiTest.CLUSTER.replace("\"hq\"", "\"" + id + "\"")));
    return curl("/clusters", arguments.toArray(String[]::new));
  }

  private boolean tftpEnabled(String id) throws Exception {
    return curl("/clusters/" + id).body().at("/services/tftp/enabled").asBoolean();
  }

  @Test
  void crossSiteOriginIsRefusedOnEveryChange() throws Exception {
    assertEquals(201, addCluster("hq", "-H", "Content-Type: application/json").status());
    String json = "Content-Type: application/json";
    String evil = "Origin: " + EVIL;
    List<Answer> refused = List.of(
        addCluster("branch", "-H", json, "-H", evil),
        curl("/clusters/hq/disable-all", "-X", "POST", "-H", evil),
        curl("/clusters/hq", "-X", "PUT", "-H", json, "-H", evil, "--data", AdminApiTest.CLUSTER),
        curl("/clusters/hq?confirm=true", "-X", "DELETE", "-H", evil),
        curl("/clusters", "-X", "PATCH", "-H", json, "-H", evil, "--data", "{}"),
        curl("/clusters/hq/disable-all", "-X", "POST", "-H", "Origin: null"),
        curl("/clusters/hq/disable-all", "-X", "POST", "-H", "Sec-Fetch-Site: cross-site"));
    for (Answer answer : refused) {
      assertEquals(403, answer.status(), answer.body().toString());
      assertTrue(answer.body().get("error").asText().contains("another site"), answer.body().toString());
    }
    assertEquals(404, curl("/clusters/branch").status());
    assertTrue(tftpEnabled("hq"), "disable-all from a foreign origin changed nothing");
  }

  @Test
  void bodiesThatAreNotJsonAreRefusedOnEveryChange() throws Exception {
    for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
      Answer answer = addCluster("hq", "-H", "Content-Type: " + type);
      assertEquals(415, answer.status(), type);
      assertTrue(answer.body().get("error").asText().contains("application/json"), answer.body().toString());
    }
    assertEquals(415, addCluster("hq").status(), "curl --data sends a form");
    assertEquals(404, curl("/clusters/hq").status());
    assertEquals(201, addCluster("hq", "-H", "Content-Type: application/json; charset=utf-8").status());
    Answer override = curl("/clusters/hq/services/tftp", "-X", "PUT", "-H", "Content-Type: text/plain",
        "--data", "{\"addresses\": \"manual\", \"address-1\": \"127.0.0.1:7009\"}");
    assertEquals(415, override.status());
    assertEquals(415, curl("/clusters/hq/disable-all", "-X", "POST", "-H", "Content-Type: text/plain").status());
    assertTrue(tftpEnabled("hq"));
  }

  @Test
  void sameOriginAndClientsWithoutAnOriginStayAllowed() throws Exception {
    assertEquals(201, addCluster("hq", "-H", "Content-Type: application/json").status());
    assertEquals(200, curl("/clusters/hq/disable-all", "-X", "POST").status());
    assertEquals(200, curl("/clusters/hq/enable-all", "-X", "POST", "-H", "Origin: " + gateway.origin()).status());
    assertEquals(200, curl("/clusters/hq/disable-all", "-X", "POST", "-H", "Sec-Fetch-Site: same-origin").status());
    assertEquals(200, curl("/clusters/hq/enable-all", "-X", "POST", "-H", "Sec-Fetch-Site: none").status());
    assertEquals(200, curl("/clusters", "-H", "Origin: " + EVIL).status(), "reading is not a change");
    assertTrue(tftpEnabled("hq"));
  }
}
