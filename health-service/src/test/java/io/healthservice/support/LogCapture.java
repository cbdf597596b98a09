package io.healthservice.support;

import io.healthservice.lifecycle.LogFormat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects every log line (formatted as the service prints them) while installed. */
public final class LogCapture extends Handler implements AutoCloseable {

  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final LogFormat format = new LogFormat();

  public static LogCapture install() {
    LogCapture capture = new LogCapture();
    capture.setLevel(Level.ALL);
    Logger.getLogger("").addHandler(capture);
    return capture;
  }

  @Override
  public void publish(LogRecord record) {
    lines.add(format.format(record));
  }

  public List<String> lines() {
    return List.copyOf(lines);
  }

  public String text() {
    return String.join("", lines);
  }

  @Override
  public void flush() {
  }

  @Override
  public void close() {
    Logger.getLogger("").removeHandler(this);
  }
}
