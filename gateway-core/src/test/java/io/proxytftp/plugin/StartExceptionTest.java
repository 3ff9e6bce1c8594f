package io.proxytftp.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** The one line a listener that cannot open its port is reported with, whatever library wrapped the reason. */
class StartExceptionTest {
  private static final InetSocketAddress TFTP = new InetSocketAddress(InetAddress.getLoopbackAddress(), 69);

  @Test
  void aLowPortRefusedToAnUnprivilegedUserSaysWhatItNeeds() {
    StartException e = StartException.cannotListen("tftp", TFTP,
        new IOException("Failed to bind to /127.0.0.1:69", new BindException("Permission denied")));

    assertEquals("tftp cannot listen on 127.0.0.1:69: permission denied (ports below 1024 need root or"
        + " CAP_NET_BIND_SERVICE)", e.getMessage());
  }

  @Test
  void minasWrappedMessageGivesTheSystemsReason() {
    StartException e = StartException.cannotListen("tftp", TFTP,
        new IOException("Error while binding on /127.0.0.1:69\noriginal message : Address already in use"));

    assertEquals("tftp cannot listen on 127.0.0.1:69: address already in use", e.getMessage());
  }
}
