package io.proxytftp.config;

import java.net.InetAddress;

/** Reads the {@code listeners} section: where the TFTP, HTTP, SFTP and admin servers bind. */
final class ListenersSection {
  private static final InetAddress LOOPBACK = IpLiterals.parse("127.0.0.1").orElseThrow();
  private static final ValueParser<InetAddress> BIND_ADDRESS =
      text ->
          IpLiterals.parse(text)
              .orElseThrow(
                  () ->
                      new InvalidValueException(
                          "expected an IP address such as 127.0.0.1, 0.0.0.0, ::1 or ::, got \""
                              + text
                              + "\" (host names are not looked up)"));

  private ListenersSection() {}

  static Listeners read(MappingReader listeners) {
    Listeners result =
        new Listeners(
            listener(listeners.mapping("tftp"), 6969),
            listener(listeners.mapping("http"), 6970),
            listener(listeners.mapping("sftp"), 2222),
            listener(listeners.mapping("admin"), 8470));
    listeners.finish();
    return result;
  }

  private static ListenerSettings listener(MappingReader listener, int defaultPort) {
    ListenerSettings settings =
        new ListenerSettings(
            listener.bool("enabled", true),
            listener.optional("bind-address", LOOPBACK, BIND_ADDRESS),
            listener.integer("port", 0, 65535, defaultPort));
    listener.finish();
    return settings;
  }
}
