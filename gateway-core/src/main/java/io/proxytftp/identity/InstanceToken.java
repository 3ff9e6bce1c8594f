package io.proxytftp.identity;

import io.proxytftp.config.GatewaySettings;
import io.proxytftp.plugin.GatewayService;
import io.proxytftp.resolve.Hop;
import io.proxytftp.store.AtomicFiles;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A short random name for this gateway instance, created on first start and kept in {@code
 * <data-directory>/}{@value #FILE}. The cascade loop guard pairs it with {@code gateway.id}
 * because ids are not unique in practice: gateways started from copies of one configuration file
 * share theirs, and took each other for themselves. Their data directories are their own, so the
 * token tells them apart; the certificate could not, since an admin may give several gateways the
 * same identity so that phones trust them all.
 *
 * <p>The token only has to differ between gateways that may ask each other, and stay the same
 * while a request travels; it survives restarts so that logs name an instance the same way from
 * day to day. A file that cannot be read as a token is replaced, with a warning: nothing outside
 * the gateway depends on its value.
 */
public final class InstanceToken implements GatewayService {
  private static final Logger LOG = LoggerFactory.getLogger(InstanceToken.class);

  public static final String FILE = "instance-token";
  /** Eight base-32 characters, 40 random bits: short in a TFTP option, unique among a site's gateways. */
  static final int LENGTH = 8;
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
  private static final Pattern TOKEN = Pattern.compile("[a-z2-7]{" + LENGTH + "}");

  private final Path file;
  private final String gatewayId;
  private volatile String value;

  @Inject
  public InstanceToken(GatewaySettings gateway) {
    this.file = gateway.dataDirectory().resolve(FILE);
    this.gatewayId = gateway.id();
  }

  @Override
  public String name() {
    return "instance-token";
  }

  @Override
  public void start() throws IOException, IdentityException {
    String kept = read();
    if (kept == null) {
      kept = created();
    }
    LOG.info("instance token {} (in {}): cascades tell this gateway from others with the id {} by it", kept, file,
        gatewayId);
    value = kept;
  }

  @Override
  public void stop(Duration grace) {
    // Nothing to release: the token was saved when it was created.
  }

  /** The token; the service must have started. */
  public String value() {
    String current = value;
    if (current == null) {
      throw new IllegalStateException("the instance token has not been read yet");
    }
    return current;
  }

  /**
   * This gateway as cascades name it, {@code gateway.id#token}: what it adds to the via lists it
   * sends upstream and what it answers a gateway that asks it, so that both sides can tell it from
   * a gateway started from a copy of its configuration. The service must have started.
   */
  public Hop hop() {
    return Hop.of(gatewayId, value());
  }

  /** The kept token, or null when there is none or it is not one. */
  private String read() throws IdentityException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (NoSuchFileException none) {
      return null;
    } catch (AccessDeniedException denied) {
      throw IdentityFiles.cannotRead(file, denied); // replacing it would change how cascades know this gateway
    } catch (IOException | RuntimeException unreadable) {
      LOG.warn("{} cannot be read as an instance token ({}); creating a new one", file, unreadable.toString());
      return null;
    }
    if (!TOKEN.matcher(text).matches()) {
      LOG.warn("{} holds no instance token ({} lower-case letters and digits 2-7); creating a new one", file, LENGTH);
      return null;
    }
    return text;
  }

  private String created() throws IOException {
    SecureRandom random = new SecureRandom();
    StringBuilder token = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      token.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    Files.createDirectories(file.getParent());
    AtomicFiles.write(file, (token + "\n").getBytes(StandardCharsets.US_ASCII));
    return token.toString();
  }
}
