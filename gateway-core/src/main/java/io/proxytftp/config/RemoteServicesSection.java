package io.proxytftp.config;

import io.proxytftp.config.TftpService.AddressMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a remote cluster's {@code services}: EMCC, PSTN access, RSVP agent and TFTP, each with up
 * to three addresses ({@code address-1..address-3}). Every service is disabled unless configured.
 */
final class RemoteServicesSection {
  private static final int MAX_ADDRESSES = 3;
  private static final ValueParser<Optional<ServiceAddress>> ADDRESS =
      text -> text.isBlank() ? Optional.empty() : Optional.of(HostPort.parse(text));
  private static final ValueParser<AddressMode> ADDRESS_MODE =
      text ->
          switch (text) {
            case "automatic" -> AddressMode.AUTOMATIC;
            case "manual" -> AddressMode.MANUAL;
            default -> throw new InvalidValueException(
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
    Map<String, ServiceAddress> addresses = addresses(tftp);
    if (mode == AddressMode.AUTOMATIC) {
      addresses.keySet().forEach(
          key ->
              tftp.report(
                  key,
                  "addresses are determined automatically; remove " + key
                      + " or set addresses: manual"));
      addresses.clear();
    } else if (enabled && addresses.isEmpty()) {
      tftp.report(
          "manually configured TFTP needs at least one address (address-1..address-"
              + MAX_ADDRESSES + ")");
    }
    finish(tftp);
    return new TftpService(enabled, remoteActivated, mode, List.copyOf(addresses.values()));
  }

  /** The addresses given, by key, in order; empty ones are absent. */
  private static Map<String, ServiceAddress> addresses(MappingReader service) {
    Map<String, ServiceAddress> addresses = new LinkedHashMap<>();
    for (int n = 1; n <= MAX_ADDRESSES; n++) {
      String key = "address-" + n;
      service.optional(key, Optional.<ServiceAddress>empty(), ADDRESS)
          .ifPresent(address -> addresses.put(key, address));
    }
    return addresses;
  }

  private static void finish(MappingReader service) {
    service.finish(
        key ->
            key.startsWith("address-")
                ? Optional.of(
                    "at most " + MAX_ADDRESSES + " addresses per service (address-1..address-"
                        + MAX_ADDRESSES + ")")
                : Optional.empty());
  }
}
