package io.healthservice.lifecycle;

import java.time.Instant;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One line per event on stderr: {@code 2026-11-23T12:00:00.123Z WARNING health.monitor check=redis ...}.
 * Stack traces are printed only at FINE, so an expected failure never floods the log.
 */
public final class LogFormat extends Formatter {

  /**
   * Micrometer warns once per start that Vert.x's HTTP servers (one per event loop) register the same
   * connection gauge; it is expected and harmless. Held here so the level setting is not collected.
   */
  private static final Logger METER_REGISTRY = Logger.getLogger("io.micrometer.core.instrument.MeterRegistry");
  /**
   * Our own lines ({@code health.*}) at INFO; client libraries and Vert.x only from WARNING: their INFO lines
   * come per connection, so per run (the MQTT client's "Connection ... established"), against the rule that a
   * line is logged once per change, never per probe or run.
   */
  private static final Logger OURS = Logger.getLogger("health");
  /**
   * Kafka's client warns "Connection to node -1 ... could not be established" several times per failed run, and
   * the check's reason already says so once per change: its lines only from SEVERE.
   */
  private static final Logger KAFKA = Logger.getLogger("org.apache.kafka");

  @Override
  public String format(LogRecord record) {
    StringBuilder line = new StringBuilder(160)
      .append(Instant.ofEpochMilli(record.getMillis()))
      .append(' ').append(record.getLevel().getName())
      .append(' ').append(record.getLoggerName())
      .append(' ').append(formatMessage(record).replace('\n', ' '));
    if (record.getThrown() != null) {
      line.append(" error=").append(record.getThrown().getClass().getSimpleName());
    }
    return line.append(System.lineSeparator()).toString();
  }

  /** Replaces the JUL defaults with a single stderr handler using this format. */
  public static void install() {
    LogManager.getLogManager().reset();
    Logger root = Logger.getLogger("");
    Handler handler = new ConsoleHandler();
    handler.setFormatter(new LogFormat());
    handler.setLevel(Level.ALL);
    root.addHandler(handler);
    root.setLevel(Level.WARNING);
    OURS.setLevel(Level.INFO);
    METER_REGISTRY.setLevel(Level.SEVERE);
    KAFKA.setLevel(Level.SEVERE);
  }
}
