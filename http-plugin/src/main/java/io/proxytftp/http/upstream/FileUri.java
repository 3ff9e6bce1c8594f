package io.proxytftp.http.upstream;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The URL of a file on a cluster's HTTP service, as CUCM serves its TFTP files on port 6970:
 * {@code http://<address>:<port>/<name>}. Names may hold characters a URL gives a meaning to
 * ({@code %}, {@code ?}, {@code #}, space), so each segment is percent-encoded, every byte but the
 * unreserved ones (RFC 3986): the server decodes exactly the name the phone asked for.
 */
final class FileUri {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private FileUri() {}

  /** The URL of the normalised {@code name} (segments separated by {@code /}) at {@code address}. */
  static URI of(InetSocketAddress address, String name) {
    StringBuilder uri = new StringBuilder("http://").append(host(address)).append(':').append(address.getPort());
    for (String segment : name.split("/", -1)) {
      uri.append('/');
      for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
        if (isUnreserved(b)) {
          uri.append((char) b);
        } else {
          uri.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
        }
      }
    }
    return URI.create(uri.toString());
  }

  private static String host(InetSocketAddress address) {
    String host = address.getAddress().getHostAddress();
    return address.getAddress() instanceof Inet6Address ? "[" + host.replace("%", "%25") + "]" : host;
  }

  private static boolean isUnreserved(byte b) {
    return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
        || b == '-' || b == '.' || b == '_' || b == '~';
  }
}
