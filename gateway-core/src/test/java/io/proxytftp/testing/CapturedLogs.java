package io.proxytftp.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Every log event while open, so a test can look for what must never be logged (a secret) or for
 * warnings. It either listens to the test configuration with the root logger at a given level, or
 * loads the configuration the product ships ({@code logback.xml}) at the most verbose level an
 * operator can choose ({@code PROXYTFTP_LOG_LEVEL=TRACE}), so that what is tested is what runs.
 * The test configuration is restored on close.
 */
public final class CapturedLogs implements AutoCloseable {
  private static final String SHIPPED = "logback.xml";
  private static final String TESTS = "logback-test.xml";
  private static final String LEVEL_PROPERTY = "PROXYTFTP_LOG_LEVEL";

  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Level level = root.getLevel();
  private final boolean shipped;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private CapturedLogs(boolean shipped) {
    this.shipped = shipped;
    appender.setContext(context);
    appender.start();
    // loggers that do not pass their events up (the access log) are listened to as well
    context.getLoggerList().stream().filter(logger -> logger == root || !logger.isAdditive())
        .forEach(logger -> logger.addAppender(appender));
  }

  /** The test configuration, the root logger from {@code from} on. */
  public static CapturedLogs atLevel(Level from) {
    CapturedLogs logs = new CapturedLogs(false);
    logs.root.setLevel(from);
    return logs;
  }

  /** The shipped configuration at {@code PROXYTFTP_LOG_LEVEL=TRACE}. */
  public static CapturedLogs shippedAtTrace() {
    System.setProperty(LEVEL_PROPERTY, "TRACE");
    configure(SHIPPED);
    return new CapturedLogs(true);
  }

  /** Each event as one text: logger, level, message and any exception's trace. */
  public List<String> lines() {
    synchronized (appender) { // AppenderBase appends holding the appender's own lock
      return appender.list.stream().map(CapturedLogs::text).toList();
    }
  }

  /** The events at WARN or above, as {@link #lines()} writes them. */
  public List<String> warnings() {
    synchronized (appender) { // AppenderBase appends holding the appender's own lock
      return appender.list.stream().filter(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
          .map(CapturedLogs::text).toList();
    }
  }

  private static String text(ILoggingEvent event) {
    String text = event.getLoggerName() + " " + event.getLevel() + " " + event.getFormattedMessage();
    return event.getThrowableProxy() == null ? text : text + "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
  }

  private static void configure(String resource) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(CapturedLogs.class.getClassLoader().getResource(resource));
    } catch (JoranException e) {
      throw new IllegalStateException("cannot load " + resource, e);
    }
  }

  @Override
  public void close() {
    if (shipped) {
      System.clearProperty(LEVEL_PROPERTY);
      configure(TESTS);
    } else {
      root.setLevel(level);
      context.getLoggerList().forEach(logger -> logger.detachAppender(appender));
    }
  }
}
