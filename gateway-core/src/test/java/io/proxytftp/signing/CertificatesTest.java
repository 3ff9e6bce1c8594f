package io.proxytftp.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;

class CertificatesTest {
  @Test
  void nameKeepsOnlyTheSixAttributesInTheCertificatesOrder() {
    X500Principal principal = new X500Principal("CN=tftp,OU=Voice,O=Example,L=Te Aro,ST=WGN,C=NZ,"
        + "EMAILADDRESS=admin@example.com,DC=example");

    // RFC 2253 writes the last RDN of the certificate first: the certificate begins with DC.
    assertEquals("C=NZ;ST=WGN;L=Te Aro;O=Example;OU=Voice;CN=tftp", Certificates.name(principal));
  }

  @Test
  void nameValuesAreUnescaped() {
    assertEquals("O=Example, Inc.;CN=a+b", Certificates.name(new X500Principal("CN=a\\+b,O=Example\\, Inc.")));
  }

  @Test
  void nameWithNoneOfTheSixAttributesIsEmpty() {
    assertEquals("", Certificates.name(new X500Principal("DC=example")));
  }

  @Test
  void serialIsMinimalUnsignedBigEndian() {
    KeyPair keys = Keys.rsa(1024);

    assertArrayEquals(new byte[] {(byte) 0xff}, Certificates.serialNumber(Keys.certificate(keys, "CN=a",
        BigInteger.valueOf(255), keys, "CN=a")));
    assertArrayEquals(new byte[] {1, 0}, Certificates.serialNumber(Keys.certificate(keys, "CN=a",
        BigInteger.valueOf(256), keys, "CN=a")));
  }

  @Test
  void serialsCompareAsNumbers() {
    assertTrue(Certificates.sameSerial(new byte[] {0, (byte) 0x80}, new byte[] {(byte) 0x80}));
    assertFalse(Certificates.sameSerial(new byte[] {1}, new byte[] {2}));
  }
}
