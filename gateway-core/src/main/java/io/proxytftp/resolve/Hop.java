package io.proxytftp.resolve;

import java.util.Objects;
import java.util.Optional;

/**
 * One gateway of a request's {@link Via} list: its {@code gateway.id} and, from gateways that send
 * one, its instance token, written {@code id#token} ({@code proxytftp-1#k3vq7zma}). Ids are not
 * unique (copied configuration files share them), so only both together name one gateway. The
 * {@code #} cannot occur in an id; an entry without it comes from a gateway of an older release,
 * which sent its id alone.
 *
 * @param gatewayId the gateway's {@code gateway.id}
 * @param instance its instance token; empty for an older gateway's entry
 */
public record Hop(String gatewayId, Optional<String> instance) {
  static final char SEPARATOR = '#';

  public Hop {
    Objects.requireNonNull(gatewayId, "gatewayId");
    Objects.requireNonNull(instance, "instance");
  }

  /** A gateway that sends its instance token. */
  public static Hop of(String gatewayId, String instance) {
    return new Hop(gatewayId, Optional.of(instance));
  }

  /** The hop a received entry names; text after the first {@code #} is the token, if not empty. */
  public static Hop parse(String entry) {
    int separator = entry.indexOf(SEPARATOR);
    if (separator < 0) {
      return new Hop(entry, Optional.empty());
    }
    String token = entry.substring(separator + 1);
    return new Hop(entry.substring(0, separator), token.isEmpty() ? Optional.empty() : Optional.of(token));
  }

  /** Another gateway that carries the same {@code gateway.id} as {@code other}. */
  public boolean namesakeOf(Hop other) {
    return gatewayId.equals(other.gatewayId) && !equals(other);
  }

  /** The entry as it is sent. */
  @Override
  public String toString() {
    return instance.map(token -> gatewayId + SEPARATOR + token).orElse(gatewayId);
  }
}
