package io.healthservice.monitor;

import io.healthservice.checks.CheckFailure;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Logs each change of a check's damped state once, as one structured line; never once per run or probe. */
public final class TransitionLog implements MonitorListener {

  private static final Logger LOG = Logger.getLogger("health.monitor");

  @Override
  public void onResult(CheckState previous, CheckState current, CheckFailure failure) {
    if (previous.reported() == current.reported()) {
      return;
    }
    String line = "check=" + current.name() + " from=" + word(previous.reported()) + " to=" + word(current.reported())
      + (current.reason() == null ? "" : " reason=\"" + current.reason() + "\"");
    LOG.log(current.reported() == CheckState.Reported.UP ? Level.INFO : Level.WARNING, line);
  }

  private static String word(CheckState.Reported reported) {
    return switch (reported) {
      case PENDING -> "pending";
      case UP -> "ok";
      case DOWN -> "down";
    };
  }
}
