package io.proxytftp.signing;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Set;
import java.util.StringJoiner;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * A certificate's identity as signed-file headers and trust-list records write it, the way certutils and
 * CUCM do, so that a phone comparing names and serials finds the ones it expects.
 */
final class Certificates {
  private static final Set<String> NAME_ATTRIBUTES = Set.of("CN", "O", "OU", "L", "ST", "C");
  private static final int DER_INTEGER = 0x02;
  private static final int DER_SEQUENCE = 0x30;
  private static final int EC_UNCOMPRESSED_POINT = 0x04;

  private Certificates() {}

  /** {@code CN=x;OU=y;O=z}: only CN, O, OU, L, ST and C, in the certificate's order. */
  static String name(X500Principal principal) {
    StringJoiner name = new StringJoiner(";");
    try {
      // LdapName lists the RDNs from the end of the RFC 2253 string, which is the certificate's order.
      for (Rdn rdn : new LdapName(principal.getName(X500Principal.RFC2253)).getRdns()) {
        NamingEnumeration<? extends Attribute> attributes = rdn.toAttributes().getAll();
        while (attributes.hasMore()) {
          Attribute attribute = attributes.next();
          if (NAME_ATTRIBUTES.contains(attribute.getID())) {
            name.add(attribute.getID() + "=" + attribute.get());
          }
        }
      }
    } catch (NamingException e) {
      throw new IllegalArgumentException("cannot read the certificate name " + principal, e);
    }
    return name.toString();
  }

  /** The serial's minimal big-endian unsigned bytes, without DER's sign byte. */
  static byte[] serialNumber(X509Certificate certificate) {
    return unsigned(certificate.getSerialNumber());
  }

  /** Whether two serials are the same number, whichever tool wrote them with or without a sign byte. */
  static boolean sameSerial(byte[] a, byte[] b) {
    return new BigInteger(1, a).equals(new BigInteger(1, b));
  }

  /**
   * A trust-list record's public key: for RSA the DER of {@code SEQUENCE {n, e}}, for EC the uncompressed
   * point, as certutils writes them.
   */
  static byte[] publicKey(PublicKey key) {
    if (key instanceof RSAPublicKey rsa) {
      ByteArrayOutputStream numbers = new ByteArrayOutputStream();
      numbers.writeBytes(der(DER_INTEGER, rsa.getModulus().toByteArray()));
      numbers.writeBytes(der(DER_INTEGER, rsa.getPublicExponent().toByteArray()));
      return der(DER_SEQUENCE, numbers.toByteArray());
    }
    if (key instanceof ECPublicKey ec) {
      int size = (ec.getParams().getCurve().getField().getFieldSize() + 7) / 8;
      ByteArrayOutputStream point = new ByteArrayOutputStream();
      point.write(EC_UNCOMPRESSED_POINT);
      point.writeBytes(fixedSize(ec.getW().getAffineX(), size));
      point.writeBytes(fixedSize(ec.getW().getAffineY(), size));
      return point.toByteArray();
    }
    throw new IllegalArgumentException("trust lists hold RSA or EC keys, not " + key.getAlgorithm());
  }

  private static byte[] unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
  }

  private static byte[] fixedSize(BigInteger value, int size) {
    byte[] unsigned = unsigned(value);
    byte[] bytes = new byte[size];
    System.arraycopy(unsigned, 0, bytes, size - unsigned.length, unsigned.length);
    return bytes;
  }

  private static byte[] der(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    if (content.length < 0x80) {
      out.write(content.length);
    } else {
      int lengthBytes = (Integer.SIZE - Integer.numberOfLeadingZeros(content.length) + 7) / 8;
      out.write(0x80 | lengthBytes);
      for (int i = lengthBytes - 1; i >= 0; i--) {
        out.write(content.length >> (8 * i));
      }
    }
    out.writeBytes(content);
    return out.toByteArray();
  }
}
