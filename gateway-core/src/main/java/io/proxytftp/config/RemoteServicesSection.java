package io.proxytftp.config;

import io.proxytftp.config.TftpService.AddressMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads a remote cluster's {@code services}: EMCC, PSTN access, RSVP agent and TFTP, each with up
 * to three addresses ({@code address-1..address-3}). Every service is disabled unless configured.
 */
final class RemoteServicesSection {
  private static final List<String> ADDRESS_KEYS = List.of("address-1", "address-2", "address-3");
  private static final String ADDRESS_RANGE = "address-1..address-3";
  private static final ValueParser<Optional<ServiceAddress>> ADDRESS =
      text -> text.isBlank() ? Optional.empty() : Optional.of(HostPort.parse(text));
  private static final ValueParser<AddressMode> ADDRESS_MODE =
      text ->
          switch (text) {
            case "automatic" -> AddressMode.AUTOMATIC;
            case "manual" -> AddressMode.MANUAL;
            default ->
                throw new InvalidValueException(
                    "expected automatic or manual, got \"" + text + "\"");
          };

  private RemoteServicesSection() {}

  static RemoteServices read(MappingReader services) {
    RemoteServices result =
        new RemoteServices(
            service(services.mapping("emcc")),
            service(services.mapping("pstn-access")),
            service(services.mapping("rsvp-agent")),
            tftp(services.mapping("tftp")));
    services.finish();
    return result;
  }

  private static RemoteService service(MappingReader service) {
    RemoteService result =
        new RemoteService(
            service.bool("enabled", false),
            service.bool("remote-activated", false),
            List.copyOf(addresses(service).values()));
    finish(service);
    return result;
  }

  private static TftpService tftp(MappingReader tftp) {
    boolean enabled = tftp.bool("enabled", false);
    boolean remoteActivated = tftp.bool("remote-activated", false);
    AddressMode mode = tftp.optional("addresses", AddressMode.MANUAL, ADDRESS_MODE);
    OptionalInt httpPort = tftp.optional("http-port", OptionalInt.empty(), text -> OptionalInt.of(Scalars.integer(text, 1, 65535)));
    Map<String, ServiceAddress> addresses = addresses(tftp);
    if (mode == AddressMode.AUTOMATIC) {
      addresses
          .keySet()
          .forEach(
              key ->
                  tftp.report(
                      key,
                      "addresses are determined automatically; remove "
                          + key
                          + " or set addresses: manual"));
      addresses.clear();
    } else if (enabled && addresses.isEmpty() && !anyRefused(tftp)) {
      tftp.report("manually configured TFTP needs at least one address (" + ADDRESS_RANGE + ")");
    }
    finish(tftp);
    return new TftpService(enabled, remoteActivated, mode, List.copyOf(addresses.values()), httpPort);
  }

  /** The addresses given, by key, in order; empty ones are absent. */
  private static Map<String, ServiceAddress> addresses(MappingReader service) {
    Map<String, ServiceAddress> addresses = new LinkedHashMap<>();
    for (String key : ADDRESS_KEYS) {
      service
          .optional(key, Optional.<ServiceAddress>empty(), ADDRESS)
          .ifPresent(address -> addresses.put(key, address));
    }
    return addresses;
  }

  /** Whether the mode or an address was wrong, making "no address" a consequence, not a cause. */
  private static boolean anyRefused(MappingReader tftp) {
    return tftp.refused("addresses") || ADDRESS_KEYS.stream().anyMatch(tftp::refused);
  }

  private static void finish(MappingReader service) {
    service.finish(
        key ->
            key.startsWith("address-")
                ? Optional.of(
                    "at most "
                        + ADDRESS_KEYS.size()
                        + " addresses per service ("
                        + ADDRESS_RANGE
                        + ")")
                : Optional.empty());
  }
}
