package io.proxytftp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostPortTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "10.0.0.10 | 10.0.0.10 | 69",
        "10.0.0.10:6969 | 10.0.0.10 | 6969",
        "cucm-a.example.com | cucm-a.example.com | 69",
        "cucm-a2.example.com:6969 | cucm-a2.example.com | 6969",
        "localhost:1 | localhost | 1",
        "host:65535 | host | 65535",
        "2001:db8::1 | 2001:db8::1 | 69",
        "::1 | ::1 | 69",
        "[2001:db8::1]:6969 | 2001:db8::1 | 6969",
        "[::1] | ::1 | 69",
        "::ffff:192.0.2.1 | ::ffff:192.0.2.1 | 69",
      })
  void acceptedFormsGiveHostAndPort(String text, String host, int port) throws Exception {
    assertEquals(new ServiceAddress(host, port), HostPort.parse(text));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "10.0.0.1:0 | the port must be a number from 1 to 65535",
        "10.0.0.1:70000 | the port must be a number from 1 to 65535",
        "10.0.0.1:99999 | the port must be a number from 1 to 65535",
        "host: | the port must be a number from 1 to 65535",
        "host:http | the port must be a number from 1 to 65535",
        "host:-1 | the port must be a number from 1 to 65535",
        "a b | a host name is dot-separated labels of 1 to 63 letters, digits and '-', not starting"
            + " or ending with '-'",
        "-a.example.com | a host name is dot-separated labels of 1 to 63 letters, digits and '-',"
            + " not starting or ending with '-'",
        "a..example.com | a host name is dot-separated labels of 1 to 63 letters, digits and '-',"
            + " not starting or ending with '-'",
        "example.com. | a host name is dot-separated labels of 1 to 63 letters, digits and '-', not"
            + " starting or ending with '-'",
        "host_1 | a host name is dot-separated labels of 1 to 63 letters, digits and '-', not"
            + " starting or ending with '-'",
        "[::1 | '[' without a closing ']'",
        "[::1]69 | only ':port' may follow ']'",
        "[10.0.0.1]:69 | brackets must hold an IPv6 address",
        "[cucm]:69 | brackets must hold an IPv6 address",
        ":69 | the host is empty",
        "300.0.0.1 | not an IPv4 address",
        "10.0.0 | not an IPv4 address",
        "1::2::3 | not an IPv6 address; write [address]:port to give a port",
        "2001:db8::1:69:x | not an IPv6 address; write [address]:port to give a port",
      })
  void refusedFormsSayWhy(String text, String reason) {
    InvalidValueException e = assertThrows(InvalidValueException.class, () -> HostPort.parse(text));

    assertEquals("not a host[:port]: \"" + text + "\" (" + reason + ")", e.getMessage());
  }

  @Test
  void labelOf63CharactersIsAcceptedAnd64Refused() throws Exception {
    String label = "a".repeat(63);
    assertEquals(label + ".example.com", HostPort.parse(label + ".example.com").host());

    assertThrows(InvalidValueException.class, () -> HostPort.parse(label + "a.example.com"));
  }

  @Test
  void nameOf253CharactersIsAcceptedAnd254Refused() throws Exception {
    String name = ("a".repeat(62) + ".").repeat(4) + "b"; // 4 * 63 + 1 = 253
    assertEquals(name, HostPort.parse(name).host());

    InvalidValueException e =
        assertThrows(InvalidValueException.class, () -> HostPort.parse(name + "b"));
    assertTrue(e.getMessage().contains("at most 253 characters"), e.getMessage());
  }
}
