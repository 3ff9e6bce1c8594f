package io.proxytftp.tftp.codec;

import java.util.Map;
import java.util.Objects;

/**
 * The outcome of option negotiation: what the transfer runs with, and what to tell the client.
 *
 * @param options the parameters in force
 * @param acknowledged the options to send in an OACK, in the order requested; empty means send no
 *     OACK and start the transfer as plain RFC 1350
 */
public record Negotiation(TransferOptions options, Map<String, String> acknowledged) {
  public Negotiation {
    Objects.requireNonNull(options, "options");
    acknowledged = Fields.options(acknowledged);
  }
}
