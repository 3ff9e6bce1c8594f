package io.proxytftp.tftp.codec;

/**
 * A requested option whose value cannot be honoured. RFC 2347 says to end the transfer with ERROR 8
 * rather than quietly ignore it, because the client asked for something specific.
 */
public final class OptionRefusedException extends Exception {
  private final String option;

  public OptionRefusedException(String option, String value, String reason) {
    super("option " + option + "='" + value + "' refused: " + reason);
    this.option = option;
  }

  /** The option's name, lower-cased. */
  public String option() {
    return option;
  }
}
