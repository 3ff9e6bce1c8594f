package io.proxytftp.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HashAlgorithmTest {
  @ParameterizedTest
  @ValueSource(strings = {"sha1", "SHA1", "Sha1"})
  void configNameOfSha1IsCaseInsensitive(String name) {
    assertEquals(HashAlgorithm.SHA1, HashAlgorithm.fromConfig(name));
  }

  @Test
  void configNameOfSha512IsRead() {
    assertEquals(HashAlgorithm.SHA512, HashAlgorithm.fromConfig("SHA512"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sha256", "sha-512", "", "md5"})
  void otherConfigNamesAreRefused(String name) {
    assertThrows(IllegalArgumentException.class, () -> HashAlgorithm.fromConfig(name));
  }

  @Test
  void writtenCodesAreThoseOfCurrentCertutils() {
    assertEquals(1, HashAlgorithm.SHA1.code());
    assertEquals(3, HashAlgorithm.SHA512.code());
    assertEquals("SHA1withRSA", HashAlgorithm.SHA1.jcaName());
    assertEquals("SHA512withRSA", HashAlgorithm.SHA512.jcaName());
  }

  @Test
  void ambiguousCodesAreTriedInEveryMeaningTheyHaveHad() {
    assertEquals(List.of("SHA1withRSA"), HashAlgorithm.verificationAlgorithms(1));
    assertEquals(List.of("SHA256withRSA", "SHA512withRSA"), HashAlgorithm.verificationAlgorithms(2));
    assertEquals(List.of("SHA512withRSA", "SHA384withRSA"), HashAlgorithm.verificationAlgorithms(3));
    assertEquals(List.of("SHA512withRSA"), HashAlgorithm.verificationAlgorithms(4));
    assertEquals(List.of(), HashAlgorithm.verificationAlgorithms(0));
    assertEquals(List.of(), HashAlgorithm.verificationAlgorithms(5));
  }
}
