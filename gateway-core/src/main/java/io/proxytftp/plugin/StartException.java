package io.proxytftp.plugin;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * A service cannot start for a reason its operator can fix, such as a port another program holds
 * or a file the gateway's user cannot read. The message says what and where in one line and is all
 * that is reported: a stack trace would only bury it.
 */
public class StartException extends Exception {
  private static final long serialVersionUID = 1L;

  public StartException(String message) {
    super(message);
  }

  public StartException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * A listener could not open its socket: {@code tftp cannot listen on 127.0.0.1:6969: address
   * already in use}.
   */
  public static StartException cannotListen(String listener, InetSocketAddress address, IOException cause) {
    String where = address.getAddress().getHostAddress() + ":" + address.getPort();
    return new StartException(listener + " cannot listen on " + where + ": " + BindFailure.reason(cause), cause);
  }
}
