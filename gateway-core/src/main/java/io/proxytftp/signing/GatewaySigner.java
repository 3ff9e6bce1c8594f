package io.proxytftp.signing;

import io.proxytftp.config.SigningSettings;
import io.proxytftp.identity.GatewayIdentity;
import io.proxytftp.identity.IdentityService;
import jakarta.inject.Inject;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Signs with the gateway's own key and the configured digest: the common files it re-signs and
 * its default trust list, which carries the gateway's certificate in the SAST role (so phones can
 * verify the trust list itself) and in the TFTP role (so they accept the files it signs).
 */
public final class GatewaySigner {
  private final IdentityService identity;
  private final HashAlgorithm hash;
  private final Clock clock;

  @Inject
  public GatewaySigner(IdentityService identity, SigningSettings settings, Clock clock) {
    this.identity = identity;
    this.hash = settings.hash();
    this.clock = clock;
  }

  /** A signed file: the header naming {@code fileName}, then {@code body} unchanged. */
  public byte[] sign(byte[] body, String fileName) throws GeneralSecurityException {
    GatewayIdentity current = identity.identity();
    return SignedFileWriter.sign(body, fileName, current.privateKey(), current.certificate(), hash, clock.instant());
  }

  /** The gateway's own trust list, named {@code fileName} in its header. */
  public byte[] trustList(String fileName) throws GeneralSecurityException {
    GatewayIdentity current = identity.identity();
    return TrustList.build(
        List.of(Map.entry(current.certificate(), TrustFunction.SAST), Map.entry(current.certificate(), TrustFunction.TFTP)),
        current.privateKey(), current.certificate(), hash, fileName, clock.instant());
  }
}
