package io.proxytftp.config;

import static io.proxytftp.config.Loading.MINIMAL;
import static io.proxytftp.config.Loading.onlyProblem;
import static io.proxytftp.config.Loading.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ListenersSectionTest {
  private static String tftp(String settings) {
    return MINIMAL + "listeners:\n  tftp: { " + settings + " }\n";
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "0.0.0.0",
        "192.0.2.255",
        "::1",
        "::",
        "2001:db8::1",
        "fe80::a:b",
        "::ffff:10.0.0.1"
      })
  void bindAddressTakesIpLiterals(String address) throws Exception {
    ListenerSettings tftp = parse(tftp("bind-address: '" + address + "'")).listeners().tftp();

    assertEquals(InetAddress.getByName(address), tftp.bindAddress());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "localhost",
        "gateway.example.com",
        "256.0.0.1",
        "10.0.0",
        "010.0.0.1",
        "[::1]",
        "1::2::3",
        "fe80::1%eth0",
        "::g"
      })
  void bindAddressThatIsNotAnIpLiteralIsRefused(String address) {
    ConfigProblem problem = onlyProblem(tftp("bind-address: '" + address + "'"));

    assertEquals("listeners.tftp.bind-address", problem.field());
    assertTrue(problem.message().startsWith("expected an IP address"), problem.message());
    assertTrue(problem.message().contains("\"" + address + "\""), problem.message());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 65535})
  void portFromZeroTo65535IsAccepted(int port) throws Exception {
    assertEquals(port, parse(tftp("port: " + port)).listeners().tftp().port());
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 65536})
  void portOutsideZeroTo65535IsRefused(int port) {
    ConfigProblem problem = onlyProblem(tftp("port: " + port));

    assertEquals("listeners.tftp.port", problem.field());
    assertEquals("must be between 0 and 65535, got " + port, problem.message());
  }

  @Test
  void eachListenerKeepsItsOwnDefaultsWhenOthersAreSet() throws Exception {
    Listeners listeners =
        parse(MINIMAL + "listeners:\n  http: { enabled: false }\n  sftp: { port: 22 }\n")
            .listeners();

    assertEquals(6969, listeners.tftp().port());
    assertEquals(false, listeners.http().enabled());
    assertEquals(6970, listeners.http().port());
    assertEquals(22, listeners.sftp().port());
    assertEquals(InetAddress.getByName("127.0.0.1"), listeners.sftp().bindAddress());
  }

  @ParameterizedTest
  @ValueSource(strings = {"yes", "no", "on", "1", "enabled"})
  void enabledMustBeTrueOrFalse(String value) {
    ConfigProblem problem = onlyProblem(tftp("enabled: " + value));

    assertEquals("listeners.tftp.enabled", problem.field());
    assertEquals("expected true or false, got \"" + value + "\"", problem.message());
  }
}
