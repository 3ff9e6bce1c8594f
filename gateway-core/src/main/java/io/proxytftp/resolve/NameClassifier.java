package io.proxytftp.resolve;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells what kind of file a phone asks for, which decides where the gateway looks for it.
 *
 * <p>A device file carries the phone's MAC address in its name ({@code SEP001956A3A472.cnf.xml.sgn},
 * {@code CTLSEP<MAC>.tlv}, {@code ITLSEP<MAC>.tlv}): it lives in exactly one cluster, the phone's
 * home, and finding it there teaches the gateway where the phone belongs. Everything else (loads,
 * softkeys, dial rules, locales, ring lists) carries no MAC. MACs are matched case-insensitively,
 * as CUCM does, and reported in upper case.
 */
public final class NameClassifier {
  private static final Pattern DEVICE_FILE =
      Pattern.compile("(?:CTL|ITL)?(?:SEP|ATA)([0-9A-F]{12})\\..+", Pattern.CASE_INSENSITIVE);

  private NameClassifier() {}

  /** The MAC in a device file's name (upper case, 12 hex digits); empty for other files. */
  public static Optional<String> deviceMac(String normalisedName) {
    if (normalisedName.indexOf('/') >= 0) {
      return Optional.empty(); // device files live at the top of a TFTP root
    }
    Matcher matcher = DEVICE_FILE.matcher(normalisedName);
    return matcher.matches() ? Optional.of(matcher.group(1).toUpperCase(Locale.ROOT)) : Optional.empty();
  }
}
