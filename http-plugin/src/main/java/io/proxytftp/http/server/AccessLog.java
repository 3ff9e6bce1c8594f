package io.proxytftp.http.server;

import org.eclipse.jetty.server.CustomRequestLog;
import org.eclipse.jetty.server.Slf4jRequestLogWriter;

/**
 * One line per HTTP request, on both listeners, to the SLF4J logger {@value #LOGGER} at INFO (route
 * or silence it in the logging configuration). A line reads
 *
 * <pre>
 * 10.1.2.3 6970 "GET /SEP001122334455.cnf.xml HTTP/1.1" 200 13042 12ms "Cisco-CP8865/14.2"
 * </pre>
 *
 * that is: client address, local port (which listener), request line, status, response body bytes,
 * time to complete in milliseconds, and the client's {@code User-Agent} (phones name their model
 * and firmware there).
 */
final class AccessLog {
  static final String LOGGER = "io.proxytftp.http.access";
  static final String FORMAT = "%{client}a %{local}p \"%r\" %s %O %{ms}Tms \"%{User-Agent}i\"";

  private AccessLog() {}

  static CustomRequestLog create() {
    Slf4jRequestLogWriter writer = new Slf4jRequestLogWriter();
    writer.setLoggerName(LOGGER);
    return new CustomRequestLog(writer, FORMAT);
  }
}
