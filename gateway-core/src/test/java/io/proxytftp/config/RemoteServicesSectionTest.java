package io.proxytftp.config;

import static io.proxytftp.config.Loading.onlyProblem;
import static io.proxytftp.config.Loading.parse;
import static io.proxytftp.config.Loading.problems;
import static io.proxytftp.config.Loading.withCluster;
import static io.proxytftp.config.Loading.withTftp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxytftp.config.TftpService.AddressMode;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RemoteServicesSectionTest {
  private static RemoteServices services(String servicesLines) throws ConfigException {
    return parse(
            withCluster(
                "cluster-id: a\nservices:\n  " + servicesLines.strip().replace("\n", "\n  ")))
        .remoteClusters()
        .get(0)
        .services();
  }

  private static TftpService tftp(String tftpLines) throws ConfigException {
    return parse(withTftp(tftpLines)).remoteClusters().get(0).services().tftp();
  }

  @Test
  void everyServiceKeepsItsFlagsAndAddresses() throws Exception {
    RemoteServices services =
        services(
            """
            emcc: { enabled: true, remote-activated: true, address-1: emcc.example.com }
            pstn-access: { enabled: true, address-1: 10.0.0.1, address-2: '[2001:db8::2]:5060' }
            rsvp-agent: { remote-activated: true, address-3: rsvp.example.com:2000 }
            """);

    assertEquals(
        new RemoteService(true, true, List.of(new ServiceAddress("emcc.example.com", 69))),
        services.emcc());
    assertEquals(
        new RemoteService(
            true,
            false,
            List.of(new ServiceAddress("10.0.0.1", 69), new ServiceAddress("2001:db8::2", 5060))),
        services.pstnAccess());
    assertEquals(
        new RemoteService(false, true, List.of(new ServiceAddress("rsvp.example.com", 2000))),
        services.rsvpAgent());
  }

  @Test
  void emptyAddressesAreAbsentAndTheRestKeepTheirOrder() throws Exception {
    TftpService tftp = tftp("enabled: true\naddress-1:\naddress-2: ''\naddress-3: 10.0.0.3");

    assertEquals(List.of(new ServiceAddress("10.0.0.3", 69)), tftp.addresses());
  }

  @Test
  void addressesAreKeptInKeyOrderNotFileOrder() throws Exception {
    TftpService tftp = tftp("enabled: true\naddress-3: c.example.com\naddress-1: a.example.com");

    assertEquals(
        List.of(new ServiceAddress("a.example.com", 69), new ServiceAddress("c.example.com", 69)),
        tftp.addresses());
  }

  @ParameterizedTest
  @ValueSource(strings = {"emcc", "pstn-access", "rsvp-agent", "tftp"})
  void fourthAddressIsAnUnknownKeySayingAtMostThree(String service) {
    ConfigProblem problem =
        onlyProblem(
            withCluster(
                "cluster-id: a\nservices:\n  "
                    + service
                    + ": { address-1: a.example.com, address-2: b.example.com, address-3:"
                    + " c.example.com, address-4: d.example.com }"));

    assertEquals("remote-clusters[0].services." + service + ".address-4", problem.field());
    assertEquals(
        "unknown key 'address-4'; at most 3 addresses per service (address-1..address-3)",
        problem.message());
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.1:0", "10.0.0.1:70000", "a b", "[::1", ":69"})
  void badAddressIsRefusedWithItsPathAndText(String address) {
    ConfigProblem problem =
        onlyProblem(withTftp("enabled: true\naddress-1: 10.0.0.1\naddress-2: '" + address + "'"));

    assertEquals("remote-clusters[0].services.tftp.address-2", problem.field());
    assertTrue(
        problem.message().startsWith("not a host[:port]: \"" + address + "\" ("),
        problem.message());
  }

  @Test
  void badAddressProblemHasLineAndColumnOfTheValue() {
    ConfigProblem problem = onlyProblem(withTftp("enabled: true\naddress-1: 10.0.0.1:99999"));

    assertEquals(
        "/etc/proxytftp/gateway.yaml:10:20: remote-clusters[0].services.tftp.address-1:"
            + " not a host[:port]: \"10.0.0.1:99999\" (the port must be a number from 1 to 65535)",
        problem.toString());
  }

  @Test
  void manualTftpIsTheDefaultMode() throws Exception {
    assertEquals(AddressMode.MANUAL, tftp("enabled: true\naddress-1: 10.0.0.1").addressMode());
  }

  @Test
  void enabledManualTftpWithoutAddressIsRefused() {
    ConfigProblem problem = onlyProblem(withTftp("enabled: true\naddresses: manual"));

    assertEquals("remote-clusters[0].services.tftp", problem.field());
    assertEquals(
        "manually configured TFTP needs at least one address (address-1..address-3)",
        problem.message());
  }

  @Test
  void disabledManualTftpWithoutAddressIsAccepted() throws Exception {
    assertEquals(List.of(), tftp("enabled: false").addresses());
  }

  @Test
  void automaticTftpHasNoAddresses() throws Exception {
    TftpService tftp = tftp("enabled: true\naddresses: automatic");

    assertEquals(new TftpService(true, false, AddressMode.AUTOMATIC, List.of(), OptionalInt.empty()), tftp);
  }

  @Test
  void automaticTftpRefusesEachAddressGiven() {
    List<ConfigProblem> problems =
        problems(
            withTftp(
                "enabled: true\naddresses: automatic\naddress-1: 10.0.0.1\naddress-3: 10.0.0.3"));

    assertEquals(2, problems.size(), problems::toString);
    assertEquals("remote-clusters[0].services.tftp.address-1", problems.get(0).field());
    assertEquals(
        "addresses are determined automatically; remove address-1 or set addresses: manual",
        problems.get(0).message());
    assertEquals("remote-clusters[0].services.tftp.address-3", problems.get(1).field());
  }

  @Test
  void addressModeIsAutomaticOrManual() {
    ConfigProblem problem = onlyProblem(withTftp("enabled: false\naddresses: auto"));

    assertEquals("remote-clusters[0].services.tftp.addresses", problem.field());
    assertEquals("expected automatic or manual, got \"auto\"", problem.message());
  }

  @Test
  void remoteActivatedMustBeABoolean() {
    ConfigProblem problem = onlyProblem(withTftp("remote-activated: yes"));

    assertEquals("remote-clusters[0].services.tftp.remote-activated", problem.field());
    assertEquals("expected true or false, got \"yes\"", problem.message());
  }

  @Test
  void refusedAddressModeDoesNotAlsoDemandAnAddress() {
    ConfigProblem problem = onlyProblem(withTftp("enabled: true\naddresses: auto"));

    assertEquals("remote-clusters[0].services.tftp.addresses", problem.field());
  }

  @Test
  void addressFromAnUnsetVariableWithEmptyDefaultIsAbsent() {
    ConfigProblem problem = onlyProblem(withTftp("enabled: true\naddress-1: ${TFTP_ADDRESS:-}"));

    assertEquals(
        "manually configured TFTP needs at least one address (address-1..address-3)",
        problem.message());
  }

  @Test
  void tftpServiceMayNameThePortItsAddressesServeHttpOn() throws Exception {
    RemoteCluster cluster = Loading.parse(Loading.withTftp("enabled: true\naddress-1: 10.0.0.1\nhttp-port: 6970"))
        .remoteClusters().get(0);
    assertEquals(OptionalInt.of(6970), cluster.services().tftp().httpPort());
  }
}
