package io.proxytftp.signing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Truncated and corrupted copies of valid files: the parsers must only ever succeed or throw
 * SignedFileException, never an index or buffer exception, and verification must never throw.
 */
class MutatedFileFuzzTest {
  private static final int ITERATIONS = 3000;

  @Test
  void truncationsAndByteFlipsGiveOnlySignedFileExceptionOrAParse() throws Exception {
    KeyPair keys = Keys.rsa(1024);
    X509Certificate certificate = Keys.selfSigned(keys);
    Instant timestamp = Instant.parse("2026-03-01T00:00:00Z");
    List<byte[]> originals = List.of(
        SignedFileWriter.sign("<device/>".getBytes(StandardCharsets.UTF_8), "SEP.cnf.xml", keys.getPrivate(),
            certificate, HashAlgorithm.SHA512, timestamp),
        TrustList.build(List.of(Map.entry(certificate, TrustFunction.SAST), Map.entry(certificate,
            TrustFunction.TFTP)), keys.getPrivate(), certificate, HashAlgorithm.SHA1, "ITLFile.tlv", timestamp),
        Tlv.file(Tlv.required().element(16, 1, 2).element(27, 3).element(28, 1, 1).string(14, "a"), new byte[40]));
    Random random = new Random(20260301);
    int parsed = 0;
    int rejected = 0;
    for (int i = 0; i < ITERATIONS; i++) {
      byte[] original = originals.get(i % originals.size());
      byte[] mutated = mutate(original, random);
      try {
        exercise(SignedFile.parse(mutated), keys);
        TrustList list = TrustList.parse(mutated);
        list.verifies();
        list.records().forEach(TrustRecord::toString);
        parsed++;
      } catch (SignedFileException expected) {
        rejected++;
      } catch (RuntimeException e) {
        fail("iteration " + i + " threw " + e + " for " + Arrays.toString(mutated), e);
      }
    }
    assertTrue(parsed > ITERATIONS / 20 && rejected > ITERATIONS / 20, parsed + " parsed, " + rejected + " rejected");
  }

  private static void exercise(SignedFile file, KeyPair keys) {
    file.verifiesWith(keys.getPublic());
    file.body();
    file.signature();
    file.serialNumber();
  }

  /** Cuts the file short, or changes one to three bytes, half the time within the header where it matters. */
  private static byte[] mutate(byte[] original, Random random) {
    if (random.nextInt(3) == 0) {
      return Arrays.copyOf(original, random.nextInt(original.length));
    }
    byte[] mutated = original.clone();
    int header = Math.min(mutated.length, 200);
    for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
      int at = random.nextBoolean() ? random.nextInt(header) : random.nextInt(mutated.length);
      mutated[at] = random.nextBoolean() ? (byte) (mutated[at] ^ (1 + random.nextInt(255)))
          : (byte) new int[] {0, 1, 2, 13, 0xff}[random.nextInt(5)];
    }
    return mutated;
  }
}
