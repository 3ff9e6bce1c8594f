package io.proxytftp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterDocumentTest {
  static final Path DEMO_CERTIFICATE = Path.of("../config/demo/identity/cluster-b-tftp.pem");

  @TempDir Path folder;

  @Test
  void everyFieldSurvivesBeingWrittenAndReadAgain() throws Exception {
    Files.copy(DEMO_CERTIFICATE, folder.resolve("b.pem"));
    String yaml = Loading.MINIMAL + """
        remote-clusters:
          - cluster-id: hq
            description: Headquarters
            fully-qualified-name: cucm.example.com
            release: 14.0(1)SU2
            tftp-certificate: b.pem
            services:
              emcc: { enabled: true, remote-activated: true, address-1: "emcc.example.com:8443" }
              tftp:
                enabled: true
                addresses: manual
                http-port: 6970
                address-1: 10.0.0.10
                address-2: "[2001:db8::10]:69"
          - cluster-id: branch
            resign-unverified: true
            services:
              tftp: { enabled: true, addresses: automatic }
            fully-qualified-name: branch.example.com
        """;
    List<RemoteCluster> clusters = ConfigLoader.parse(yaml, folder.resolve("gateway.yaml"), Map.<String, String>of()::get)
        .remoteClusters();
    Path saved = Files.writeString(folder.resolve("saved.yaml"), ClusterDocument.yaml(clusters));

    assertEquals(clusters, ConfigLoader.loadClusters(saved));
  }

  @Test
  void aClusterOnItsOwnIsReadWithFieldsNamedFromItsRoot() {
    ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
        () -> ConfigLoader.parseCluster("{\"cluster-id\": \"a\", \"services\": {\"tftp\": {\"enabled\": true}}}",
            Path.of("request"), folder));
    assertEquals("services.tftp", e.problems().get(0).field());
  }
}
