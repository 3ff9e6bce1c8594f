package io.proxytftp.http.admin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.proxytftp.cache.CacheWriter;
import io.proxytftp.cache.ContentCache;
import io.proxytftp.config.AdminSettings;
import io.proxytftp.config.GatewayConfig;
import io.proxytftp.identity.IdentityService;
import io.proxytftp.index.DeviceIndex;
import io.proxytftp.index.DeviceRecord;
import io.proxytftp.testing.RunningGateway;
import io.proxytftp.testing.TestConfigs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin API over real HTTP on the admin listener, asked by the JDK's HttpClient. */
class AdminApiTest {
  static final String TOKEN = "0123456789abcdef-test-token";
  static final AdminSettings CREDENTIALS = new AdminSettings(Optional.of(TOKEN),
      Optional.of(new AdminSettings.BasicCredentials("ops", "correct horse battery")));
  static final String CLUSTER = """
      {"cluster-id": "hq", "description": "Headquarters", "release": "14.0.1",
       "services": {"tftp": {"enabled": true, "remote-activated": true, "addresses": "manual",
                              "address-1": "127.0.0.1:7001"}}}
      """;

  @TempDir Path directory;
  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();
  final List<RunningGateway> running = new ArrayList<>();
  RunningGateway gateway;

  @AfterEach
  void stop() {
    running.forEach(RunningGateway::close);
  }

  private RunningGateway start(AdminSettings admin) throws Exception {
    Path store = Files.createDirectories(directory.resolve("store"));
    GatewayConfig config = TestConfigs.withAdmin(TestConfigs.gateway(directory, store), admin);
    RunningGateway started = RunningGateway.start(config);
    running.add(started);
    gateway = started;
    return started;
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://" + gateway.address("admin").getHostString() + ":"
        + gateway.address("admin").getPort() + "/api/v1" + path));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> call(String method, String path, String body) throws Exception {
    return send(request(path).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json"));
  }

  private JsonNode body(HttpResponse<String> response) throws Exception {
    return json.readTree(response.body());
  }

  private void learnPhoneOfHq() {
    gateway.instance(DeviceIndex.class).learn(new DeviceRecord("001956A3A472", "hq", "127.0.0.1:7001", "10.1.1.1",
        Instant.now()));
  }

  @Test
  void requestsWithoutOrWithWrongCredentialsAreRefused() throws Exception {
    start(CREDENTIALS);
    HttpResponse<String> none = http.send(request("/info").build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(401, none.statusCode());
    assertTrue(none.headers().firstValue("WWW-Authenticate").orElseThrow().contains("Bearer"), none.headers().toString());
    assertEquals(401, http.send(request("/info").header("Authorization", "Bearer wrong-token-wrong-token").build(),
        HttpResponse.BodyHandlers.ofString()).statusCode());
    String wrongBasic = Base64.getEncoder().encodeToString("ops:guess".getBytes(StandardCharsets.UTF_8));
    assertEquals(401, http.send(request("/info").header("Authorization", "Basic " + wrongBasic).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode());
  }

  @Test
  void tokenAndBasicCredentialsAreAccepted() throws Exception {
    start(CREDENTIALS);
    assertEquals(200, call("GET", "/info", null).statusCode());
    String basic = Base64.getEncoder().encodeToString("ops:correct horse battery".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> info = http.send(request("/info").header("Authorization", "Basic " + basic).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, info.statusCode());
    assertEquals(gateway.instance(GatewayConfig.class).gateway().id(), body(info).get("id").asText());
  }

  @Test
  void withoutConfiguredCredentialsTheApiIsOff() throws Exception {
    start(AdminSettings.none());
    HttpResponse<String> response = call("GET", "/info", null);
    assertEquals(404, response.statusCode());
    assertTrue(response.body().contains("admin API is off"), response.body());
  }

  @Test
  void clusterIsAddedFoundUpdatedAndKeptAcrossARestart() throws Exception {
    start(CREDENTIALS);
    HttpResponse<String> added = call("POST", "/clusters", CLUSTER);
    assertEquals(201, added.statusCode(), added.body());
    assertEquals("127.0.0.1:7001", body(added).at("/services/tftp/address-1").asText());

    assertEquals(1, body(call("GET", "/clusters?q=headq", null)).get("clusters").size());
    assertEquals(0, body(call("GET", "/clusters?q=branch", null)).get("clusters").size());

    HttpResponse<String> override = call("PUT", "/clusters/hq/services/tftp",
        "{\"addresses\": \"manual\", \"address-1\": \"127.0.0.1:7002\", \"address-2\": \"127.0.0.1:7003\"}");
    assertEquals(200, override.statusCode(), override.body());

    gateway.close();
    start(CREDENTIALS);
    JsonNode kept = body(call("GET", "/clusters/HQ", null));
    assertEquals("127.0.0.1:7003", kept.at("/services/tftp/address-2").asText());
    assertEquals("14.0.1", kept.get("release").asText());
  }

  @Test
  void invalidClusterIsRefusedNamingTheField() throws Exception {
    start(CREDENTIALS);
    HttpResponse<String> response = call("POST", "/clusters",
        "{\"cluster-id\": \"hq\", \"services\": {\"tftp\": {\"enabled\": true, \"address-1\": \"10.0.0.1:99999\"}}}");
    assertEquals(400, response.statusCode());
    assertEquals("services.tftp.address-1", body(response).at("/problems/0/field").asText());
    assertEquals(400, call("POST", "/clusters", "{not json").statusCode());
  }

  @Test
  void duplicateIdIsAConflict() throws Exception {
    start(CREDENTIALS);
    call("POST", "/clusters", CLUSTER);
    assertEquals(409, call("POST", "/clusters", CLUSTER.replace("\"hq\"", "\"HQ\"")).statusCode());
  }

  @Test
  void enableAllIsValidatedLikeTheConfiguration() throws Exception {
    start(CREDENTIALS);
    call("POST", "/clusters", CLUSTER);
    HttpResponse<String> disabled = call("POST", "/clusters/hq/disable-all", null);
    assertEquals(200, disabled.statusCode(), disabled.body());
    assertEquals(false, body(disabled).at("/services/tftp/enabled").asBoolean());
    assertEquals(200, call("POST", "/clusters/hq/enable-all", null).statusCode());
    assertEquals(true, body(call("GET", "/clusters/hq", null)).at("/services/emcc/enabled").asBoolean());
  }

  @Test
  void deletingAClusterPhonesCameFromNeedsConfirmationAndReportsTheCount() throws Exception {
    start(CREDENTIALS);
    call("POST", "/clusters", CLUSTER);
    DeviceIndex index = gateway.instance(DeviceIndex.class);
    index.learn(new DeviceRecord("001956A3A472", "hq", "127.0.0.1:7001", "10.1.1.1", Instant.now()));
    index.learn(new DeviceRecord("0011AABB2233", "hq", "127.0.0.1:7001", "10.1.1.2", Instant.now()));

    HttpResponse<String> refused = call("DELETE", "/clusters/hq", null);
    assertEquals(409, refused.statusCode());
    assertEquals(2, body(refused).get("devices").asInt());

    HttpResponse<String> deleted = call("DELETE", "/clusters/hq?confirm=true", null);
    assertEquals(200, deleted.statusCode());
    assertEquals(2, body(deleted).get("devices-forgotten").asInt());
    assertEquals(404, call("GET", "/clusters/hq", null).statusCode());
    assertEquals(Optional.empty(), index.lookup("001956A3A472"));
  }

  @Test
  void deviceIsLookedUpListedAndForgotten() throws Exception {
    start(CREDENTIALS);
    gateway.instance(DeviceIndex.class).learn(new DeviceRecord("001956A3A472", "b", "10.0.0.2:69", "10.1.1.1",
        Instant.parse("2026-11-29T00:00:00Z")));
    assertEquals("b", body(call("GET", "/devices/001956a3a472", null)).get("cluster-id").asText());
    assertEquals(1, body(call("GET", "/devices?cluster=B", null)).get("devices").size());
    assertEquals(200, call("DELETE", "/devices/001956A3A472", null).statusCode());
    assertEquals(404, call("GET", "/devices/001956A3A472", null).statusCode());
  }

  @Test
  void cacheIsListedCountedAndPurged() throws Exception {
    start(CREDENTIALS);
    ContentCache cache = gateway.instance(ContentCache.class);
    for (String name : List.of("English_United_States/mk-sip.jar", "P0030801SR02.loads")) {
      try (CacheWriter writer = cache.writer(name, "test")) {
        writer.begin(OptionalLong.of(3));
        writer.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        writer.commit();
      }
    }
    assertEquals(2, body(call("GET", "/cache", null)).get("entries").size());
    assertEquals(6, body(call("GET", "/cache/statistics", null)).get("disk-bytes").asLong());
    assertEquals(200, call("DELETE", "/cache/entries/English_United_States/mk-sip.jar", null).statusCode());
    assertEquals(404, call("GET", "/cache/entries/English_United_States/mk-sip.jar", null).statusCode());
    assertEquals(1, body(call("DELETE", "/cache", null)).get("purged").asInt());
    assertEquals(0, cache.entries().size());
  }

  @Test
  void certificateIsExportedAsPemOrDer() throws Exception {
    start(CREDENTIALS);
    IdentityService identity = gateway.instance(IdentityService.class);
    assertEquals(identity.identity().certificatePem(), call("GET", "/certificate", null).body());
    HttpResponse<byte[]> der = http.send(request("/certificate?format=der").header("Authorization", "Bearer " + TOKEN)
        .build(), HttpResponse.BodyHandlers.ofByteArray());
    assertArrayEquals(identity.identity().certificateDer(), der.body());
  }

  @Test
  void updateNowLooksTheClustersUpAgain() throws Exception {
    start(CREDENTIALS);
    call("POST", "/clusters", CLUSTER);
    assertEquals(200, call("POST", "/clusters/update-now", null).statusCode());
    HttpResponse<String> one = call("POST", "/clusters/hq/update-now", null);
    assertEquals(200, one.statusCode(), one.body());
    assertEquals("127.0.0.1:7001", body(call("GET", "/clusters/hq", null)).at("/state/tftp-addresses/0").asText());
  }

  @Test
  void clusterNamedLikeAnActionIsManagedLikeAnyOther() throws Exception {
    start(CREDENTIALS);
    String named = CLUSTER.replace("\"hq\"", "\"update-now\"");
    assertEquals(201, call("POST", "/clusters", named).statusCode());
    HttpResponse<String> got = call("GET", "/clusters/update-now", null);
    assertEquals(200, got.statusCode(), got.body());
    assertEquals("update-now", body(got).get("cluster-id").asText());
    HttpResponse<String> replaced = call("PUT", "/clusters/update-now", named.replace("Headquarters", "Tricky"));
    assertEquals(200, replaced.statusCode(), replaced.body());
    assertEquals(200, call("POST", "/clusters/update-now/update-now", null).statusCode());
    HttpResponse<String> every = call("POST", "/clusters/update-now", null);
    assertEquals(200, every.statusCode(), every.body());
    assertEquals("every cluster", body(every).get("updated").asText());
    assertEquals(200, call("DELETE", "/clusters/update-now", null).statusCode());
    HttpResponse<String> action = call("GET", "/clusters/update-now", null);
    assertEquals(405, action.statusCode(), "without the cluster, only the action is left");
    assertEquals("POST", action.headers().firstValue("Allow").orElseThrow());
  }

  @Test
  void renamingAClusterThroughPutIsRefusedAndItsDevicesStay() throws Exception {
    start(CREDENTIALS);
    call("POST", "/clusters", CLUSTER);
    learnPhoneOfHq();
    HttpResponse<String> refused = call("PUT", "/clusters/hq", CLUSTER.replace("\"hq\"", "\"hq2\""));
    assertEquals(409, refused.statusCode(), refused.body());
    assertTrue(body(refused).get("error").asText().contains("cannot be renamed"), refused.body());
    assertEquals(404, call("GET", "/clusters/hq2", null).statusCode());
    assertEquals(1, body(call("GET", "/clusters/hq", null)).at("/state/devices").asInt());
    HttpResponse<String> recased = call("PUT", "/clusters/hq", CLUSTER.replace("\"hq\"", "\"HQ\""));
    assertEquals(200, recased.statusCode(), "ids are compared ignoring case: " + recased.body());
    assertEquals(1, body(recased).at("/state/devices").asInt());
  }

  @Test
  void oneDeviceIsCountedInTheSingular() throws Exception {
    start(CREDENTIALS);
    call("POST", "/clusters", CLUSTER);
    learnPhoneOfHq();
    String message = body(call("DELETE", "/clusters/hq", null)).get("error").asText();
    assertTrue(message.startsWith("1 device was learned from cluster hq; it will search"), message);
  }

  @Test
  void updateNowReportsANameThatDoesNotResolve() throws Exception {
    start(CREDENTIALS);
    call("POST", "/clusters", CLUSTER);
    call("POST", "/clusters", """
        {"cluster-id": "lost", "fully-qualified-name": "no-such-cluster.invalid",
         "services": {"tftp": {"enabled": true, "addresses": "automatic"}}}
        """);
    HttpResponse<String> one = call("POST", "/clusters/lost/update-now", null);
    assertEquals(502, one.statusCode(), one.body());
    JsonNode report = body(one);
    assertEquals(false, report.get("resolved").asBoolean(), one.body());
    assertTrue(report.get("errors").get(0).asText().contains("no-such-cluster.invalid"), one.body());
    assertEquals(0, report.get("tftp-addresses").size());

    HttpResponse<String> every = call("POST", "/clusters/update-now", null);
    assertEquals(502, every.statusCode(), every.body());
    assertEquals(true, body(every).at("/clusters/0/resolved").asBoolean(), every.body());
    assertEquals("127.0.0.1:7001", body(every).at("/clusters/0/tftp-addresses/0").asText());
    assertEquals("lost", body(every).at("/clusters/1/cluster-id").asText());
    assertEquals(false, body(every).at("/clusters/1/resolved").asBoolean());
  }

  @Test
  void deviceThatIsNotAMacIsABadRequest() throws Exception {
    start(CREDENTIALS);
    for (String method : List.of("GET", "DELETE")) {
      HttpResponse<String> response = call(method, "/devices/zzz", null);
      assertEquals(400, response.statusCode(), method);
      assertTrue(body(response).get("error").asText().contains("not a MAC address"), response.body());
    }
    assertEquals(404, call("GET", "/devices/001956A3A472", null).statusCode(), "a MAC the index does not know");
    learnPhoneOfHq();
    assertEquals("001956A3A472", body(call("GET", "/devices/00:19:56:a3:a4:72", null)).get("mac").asText());
  }

  @Test
  void devicesOfAClusterThatDoesNotExistAreNotFound() throws Exception {
    start(CREDENTIALS);
    call("POST", "/clusters", CLUSTER);
    HttpResponse<String> unknown = call("GET", "/devices?cluster=nope", null);
    assertEquals(404, unknown.statusCode(), unknown.body());
    assertTrue(body(unknown).get("error").asText().contains("cluster nope"), unknown.body());
    HttpResponse<String> none = call("GET", "/devices?cluster=HQ", null);
    assertEquals(200, none.statusCode());
    assertEquals(0, body(none).get("devices").size());
  }

  @Test
  void wrongMethodIsRefusedWithTheMethodsAllowed() throws Exception {
    start(CREDENTIALS);
    HttpResponse<String> response = call("PATCH", "/clusters", "{}");
    assertEquals(405, response.statusCode());
    assertEquals("GET, POST", response.headers().firstValue("Allow").orElseThrow());
  }

  @Test
  void oversizedBodyIsRefusedUnread() throws Exception {
    start(CREDENTIALS);
    assertEquals(413, call("POST", "/clusters", "{\"x\": \"" + "a".repeat(70_000) + "\"}").statusCode());
  }
}
