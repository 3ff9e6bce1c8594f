package io.proxytftp.config;

import static io.proxytftp.config.Loading.MINIMAL;
import static io.proxytftp.config.Loading.parse;
import static io.proxytftp.config.Loading.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvironmentSubstitutionTest {
  private static String id(String value) {
    return "gateway:\n  id: \"" + value + "\"\n  data-directory: /d\n";
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "${GW} | gw-1",
        "${GW:-fallback} | gw-1",
        "${UNSET:-fallback} | fallback",
        "${EMPTY:-fallback} | fallback",
        "${UNSET:-} | ''",
        "pre-${GW}-${SITE}.x | pre-gw-1-hq.x",
        "cost$5 | cost$5",
        "$GW | $GW",
      })
  void variablesAreSubstituted(String text, String expected) throws Exception {
    Map<String, String> environment = Map.of("GW", "gw-1", "SITE", "hq", "EMPTY", "");

    EnvironmentSubstitution substitution = new EnvironmentSubstitution(environment::get);

    assertEquals(expected, substitution.apply(text));
  }

  @Test
  void substitutedValueIsValidatedLikeAWrittenOne() throws Exception {
    String yaml = MINIMAL + "listeners:\n  tftp: { port: \"${TFTP_PORT:-6969}\" }\n";

    assertEquals(6969, parse(yaml).listeners().tftp().port());
    assertEquals(69, parse(yaml, Map.of("TFTP_PORT", "69")).listeners().tftp().port());
    assertEquals(
        List.of("expected a number, got \"sixty-nine\""),
        problems(yaml, Map.of("TFTP_PORT", "sixty-nine")).stream()
            .map(ConfigProblem::message)
            .toList());
  }

  @Test
  void unsetVariableWithoutDefaultNamesFieldAndVariable() {
    List<ConfigProblem> problems = problems(id("${GATEWAY_ID}"));

    assertEquals(
        List.of(
            new ConfigProblem(
                Loading.SOURCE,
                2,
                7,
                "gateway.id",
                "environment variable 'GATEWAY_ID' is not set (set it, or give a default with"
                    + " ${GATEWAY_ID:-default})")),
        problems);
  }

  @Test
  void unclosedReferenceIsRefused() {
    assertEquals(
        List.of("'${' without a closing '}'"),
        problems(id("${GATEWAY_ID")).stream().map(ConfigProblem::message).toList());
  }

  @Test
  void referenceThatIsNotAVariableNameIsRefused() {
    assertEquals(
        List.of(
            "'${GATEWAY ID}' does not name an environment variable"
                + " (names are letters, digits and '_'; write ${NAME} or ${NAME:-default})"),
        problems(id("${GATEWAY ID}")).stream().map(ConfigProblem::message).toList());
  }

  @Test
  void keysAreNotSubstituted() {
    List<ConfigProblem> problems =
        problems(MINIMAL + "${SECTION}: {}\n", Map.of("SECTION", "limits"));

    assertEquals("${SECTION}", problems.get(0).field());
  }
}
