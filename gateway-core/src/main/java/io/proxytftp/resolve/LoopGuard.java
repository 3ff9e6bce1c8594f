package io.proxytftp.resolve;

import io.proxytftp.cluster.AddressText;
import io.proxytftp.identity.InstanceToken;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cascade loop guard. A gateway that asks another proxytftp adds itself to the request's
 * {@link Via} list as {@code gateway.id#instance-token}; a gateway that finds itself there, id and
 * token alike, refuses the request, because it would only ask its clusters again. Comparing the id
 * alone took another gateway started from a copy of the same configuration for this one, and its
 * files were "not found". Cascades deeper than {@value #MAX_HOPS} gateways are refused too, so
 * that a loop through gateways of older releases, or a forged list, ends.
 *
 * <p>Every refusal is logged at INFO, naming the file, the client and the via list, since the
 * phone behind it gets "not found" for a file that may exist; at most one line per {@link
 * #LOG_INTERVAL}, each saying how many were left out before it (a loop catches every phone of a
 * boot storm). Requests that show another gateway with this one's id go to {@link Namesakes}.
 */
final class LoopGuard {
  private static final Logger LOG = LoggerFactory.getLogger(LoopGuard.class);

  /** Cascades deeper than this are refused; one level is the usual deployment, eight leave room. */
  static final int MAX_HOPS = 8;
  static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

  private final InstanceToken token;
  private final Namesakes namesakes;
  private final LogThrottle throttle;

  @Inject
  LoopGuard(InstanceToken token, Namesakes namesakes, Clock clock) {
    this.token = token;
    this.namesakes = namesakes;
    this.throttle = new LogThrottle(clock, LOG_INTERVAL);
  }

  /** This gateway as it names itself in via lists. */
  Hop self() {
    return token.hop();
  }

  /**
   * Whether the request must be refused (answered "not found" at once) rather than served or
   * passed on; a refusal is logged.
   *
   * @param name the normalised name, for the log
   */
  boolean refuses(FileRequest request, String name) {
    Hop self = self();
    List<Hop> hops = request.via().stream().map(Hop::parse).toList();
    namesakes.check(hops, request.client());
    Optional<String> reason = hops.contains(self)
        ? Optional.of("a cascade loop, it has passed through this gateway before")
        : hops.size() >= MAX_HOPS
            ? Optional.of("it has passed through " + hops.size() + " gateways, the most a cascade may have")
            : Optional.empty();
    reason.ifPresent(why -> logged(request, name, why));
    return reason.isPresent();
  }

  private void logged(FileRequest request, String name, String reason) {
    OptionalLong leftOut = throttle.admit();
    if (leftOut.isPresent()) {
      LOG.info("refused {} for {} over {}: {} (via {}; this gateway is {}){}", name, AddressText.of(request.client()),
          request.protocol(), reason, Via.format(request.via()), self(),
          leftOut.getAsLong() == 0 ? "" : "; " + leftOut.getAsLong() + " more refused since the last such line");
    }
  }

  /** The via list to send on to clusters: the request's, this gateway added last. */
  List<String> onward(FileRequest request) {
    List<String> via = new ArrayList<>(request.via());
    via.add(self().toString());
    return via;
  }
}
