package io.proxytftp.signing;

import io.proxytftp.resolve.BytesFile;
import io.proxytftp.resolve.ResolvedFile;
import jakarta.inject.Inject;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers {@code ITLFile.tlv} and {@code CTLFile.tlv}, the trust lists a phone asks for when its
 * own ({@code ITLSEP<MAC>.tlv}, {@code CTLSEP<MAC>.tlv}) is not found, with the gateway's own:
 * signed by the gateway and carrying its certificate. Built once per name for the life of the
 * gateway, so every phone gets the same bytes.
 *
 * <p>Per-device trust lists are device files and come from the phone's home cluster, which keeps
 * the phone in its home cluster's trust; a phone only reaches this default when no cluster has one
 * for it.
 */
public final class DefaultTrustList {
  private static final Map<String, String> NAMES = Map.of("itlfile.tlv", "ITLFile.tlv", "ctlfile.tlv", "CTLFile.tlv");

  private final GatewaySigner signer;
  private final Map<String, byte[]> built = new ConcurrentHashMap<>();
  private final Instant since;

  @Inject
  public DefaultTrustList(GatewaySigner signer, Clock clock) {
    this.signer = signer;
    this.since = clock.instant();
  }

  /** The default trust list for a normalised name, or empty when the name is not one. */
  public Optional<ResolvedFile> open(String name) throws GeneralSecurityException {
    String canonical = NAMES.get(name.toLowerCase(Locale.ROOT));
    if (canonical == null) {
      return Optional.empty();
    }
    byte[] content = built.get(canonical);
    if (content == null) {
      content = signer.trustList(canonical);
      byte[] raced = built.putIfAbsent(canonical, content);
      content = raced == null ? content : raced;
    }
    return Optional.of(new BytesFile(name, content, since));
  }
}
