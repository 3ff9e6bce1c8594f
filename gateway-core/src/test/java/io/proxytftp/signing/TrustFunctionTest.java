package io.proxytftp.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class TrustFunctionTest {
  @Test
  void codesAreThoseOfThePhones() {
    assertEquals(List.of(0, 1, 2, 3, 4, 7, 21), Arrays.stream(TrustFunction.values()).map(TrustFunction::code)
        .toList());
  }

  @ParameterizedTest
  @EnumSource(TrustFunction.class)
  void everyFunctionIsFoundByItsCode(TrustFunction function) {
    assertEquals(Optional.of(function), TrustFunction.fromCode(function.code()));
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 5, 6, 8, 20, 22, 65535})
  void unknownCodesAreNoFunction(int code) {
    assertEquals(Optional.empty(), TrustFunction.fromCode(code));
  }
}
