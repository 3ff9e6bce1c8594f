package io.proxytftp.http.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.proxytftp.config.GatewayConfig;
import io.proxytftp.config.ListenerSettings;
import io.proxytftp.config.Listeners;
import io.proxytftp.testing.RunningGateway;
import io.proxytftp.testing.TestConfigs;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateways that list each other as clusters over HTTP (cascaded gateways, gone wrong): the
 * {@code Proxytftp-Via} header stops the request at the gateway it started from.
 */
class HttpCascadeTest {
  @TempDir Path directory;
  @AutoClose RunningGateway first;
  @AutoClose RunningGateway second;

  private GatewayConfig gateway(String name, InetSocketAddress tftp, InetSocketAddress http, InetSocketAddress peerTftp,
      int peerHttp) throws Exception {
    Path folder = Files.createDirectories(directory.resolve(name));
    GatewayConfig base = TestConfigs.gateway(folder, Files.createDirectories(folder.resolve("store")));
    InetAddress loopback = InetAddress.getLoopbackAddress();
    GatewayConfig listening = new GatewayConfig(base.source(), base.gateway(),
        new Listeners(new ListenerSettings(true, loopback, tftp.getPort()), new ListenerSettings(true, loopback, http.getPort()),
            new ListenerSettings(false, loopback, 0), new ListenerSettings(false, loopback, 0)),
        base.limits(), base.caches(), base.upstream(), base.identity(), base.signing(), base.admin(), base.sftp(),
        List.of());
    return TestConfigs.withClusters(listening, List.of(TestConfigs.withHttpPort(TestConfigs.cluster("peer", peerTftp), peerHttp)));
  }

  @Test
  void proxiesThatListEachOtherOverHttpAnswerNotFoundInsteadOfLooping() throws Exception {
    InetSocketAddress firstTftp = Ports.unusedUdp();
    InetSocketAddress secondTftp = Ports.unusedUdp();
    InetSocketAddress firstHttp = Ports.closedTcp();
    InetSocketAddress secondHttp = Ports.closedTcp();
    first = RunningGateway.start(gateway("first", firstTftp, firstHttp, secondTftp, secondHttp.getPort()));
    second = RunningGateway.start(gateway("second", secondTftp, secondHttp, firstTftp, firstHttp.getPort()));

    long started = System.nanoTime();
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + firstHttp.getPort() + "/SEP001122334455.cnf.xml")).build(),
        HttpResponse.BodyHandlers.ofString());
    long millis = (System.nanoTime() - started) / 1_000_000;

    assertEquals(404, response.statusCode());
    assertTrue(millis < TestConfigs.upstream().searchTimeout().toMillis(), "answered in " + millis + " ms");
    assertEquals(1, first.instance(MeterRegistry.class).counter("resolve.answers", "source", "loop").count());
  }
}
