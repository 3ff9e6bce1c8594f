package io.proxytftp.config;

import static io.proxytftp.config.Loading.onlyProblem;
import static io.proxytftp.config.Loading.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GatewaySectionTest {
  private static String gateway(String id) {
    return "gateway:\n  id: '" + id + "'\n  data-directory: /var/proxytftp\n";
  }

  @ParameterizedTest
  @ValueSource(strings = {"proxytftp-1", "gw_2.site", "A", "0"})
  void idOfLettersDigitsDotDashAndUnderscoreIsAccepted(String id) throws Exception {
    assertEquals(id, parse(gateway(id)).gateway().id());
  }

  @ParameterizedTest
  @ValueSource(strings = {" ", "/", ":", "@", "*", "\u00e9"})
  void idWithOtherCharacterIsRefusedNamingIt(String character) {
    ConfigProblem problem = onlyProblem(gateway("gw" + character + "1"));

    assertEquals("gateway.id", problem.field());
    assertEquals(
        "character '" + character + "' is not allowed (use only letters, digits, '.', '-' and '_')",
        problem.message());
  }

  @Test
  void idOf64CharactersIsAcceptedAnd65Refused() throws Exception {
    assertEquals(64, parse(gateway("g".repeat(64))).gateway().id().length());

    ConfigProblem problem = onlyProblem(gateway("g".repeat(65)));
    assertEquals("gateway.id", problem.field());
    assertEquals("must be at most 64 characters, got 65", problem.message());
  }

  @Test
  void emptyIdIsRefused() {
    assertEquals("must not be empty", onlyProblem(gateway("")).message());
  }

  @Test
  void idIsRequired() {
    ConfigProblem problem = onlyProblem("gateway:\n  data-directory: /d\n");

    assertEquals("gateway.id", problem.field());
    assertEquals("required", problem.message());
  }

  @Test
  void dataDirectoryIsRequired() {
    ConfigProblem problem = onlyProblem("gateway:\n  id: gw\n  data-directory:\n");

    assertEquals("gateway.data-directory", problem.field());
    assertEquals("required", problem.message());
  }

  @Test
  void relativeDataDirectoryAndLocalStoreResolveAgainstTheConfigFolder() throws Exception {
    GatewaySettings gateway =
        parse("gateway: { id: gw, data-directory: ../var, local-store: ../var/store }").gateway();

    assertEquals(Path.of("/etc/var"), gateway.dataDirectory());
    assertEquals(Path.of("/etc/var/store"), gateway.localStore());
  }

  @Test
  void localStoreDefaultsToStoreInsideTheDataDirectory() throws Exception {
    GatewaySettings gateway = parse("gateway: { id: gw, data-directory: data }").gateway();

    assertEquals(Path.of("/etc/proxytftp/data/store"), gateway.localStore());
  }

  @Test
  void absoluteLocalStoreIsKept(@TempDir Path store) throws Exception {
    GatewaySettings gateway =
        parse("gateway: { id: gw, data-directory: /d, local-store: " + store + " }").gateway();

    assertEquals(store, gateway.localStore());
  }

  @Test
  void localStoreThatDoesNotExistIsRefusedAtItsValue() {
    ConfigProblem problem = onlyProblem("gateway:\n  id: gw\n  data-directory: /d\n  local-store: /no/such/folder\n");

    assertEquals("gateway.local-store", problem.field());
    assertEquals(4, problem.line());
    assertEquals(16, problem.column());
    assertEquals("no such folder: /no/such/folder (only the default, <data-directory>/store, is created)",
        problem.message());
  }

  @Test
  void localStoreThatIsAFileIsRefused(@TempDir Path folder) throws Exception {
    Path file = Files.writeString(folder.resolve("store"), "not a folder");

    ConfigProblem problem = onlyProblem("gateway: { id: gw, data-directory: /d, local-store: " + file + " }");

    assertEquals("gateway.local-store", problem.field());
    assertEquals("not a folder: " + file, problem.message());
  }

  @Test
  void defaultLocalStoreNamedExplicitlyNeedNotExistYet() throws Exception {
    GatewaySettings gateway =
        parse("gateway: { id: gw, data-directory: /no/such/data, local-store: /no/such/data/store }").gateway();

    assertEquals(Path.of("/no/such/data/store"), gateway.localStore());
  }

  @Test
  void emptyPathIsRefused() {
    ConfigProblem problem = onlyProblem("gateway: { id: gw, data-directory: /d, local-store: '' }");

    assertEquals("gateway.local-store", problem.field());
    assertEquals("must not be empty", problem.message());
  }

  @Test
  void pathWithNulCharacterIsRefused() {
    ConfigProblem problem = onlyProblem("gateway: { id: gw, data-directory: \"/d\\0x\" }");

    assertEquals("gateway.data-directory", problem.field());
    assertEquals("not a valid path: Nul character not allowed", problem.message());
  }
}
