package io.healthservice.impl.monitor;

import io.healthservice.CheckFailure;
import io.healthservice.CheckState;
import io.healthservice.HealthSnapshot;
import io.healthservice.MonitorClock;
import io.healthservice.MonitorListener;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Logs each change of a check's damped state once, as one structured line; never once per run or probe. */
public final class TransitionLog implements MonitorListener {

  private static final Logger LOG = Logger.getLogger("health.monitor");

  /** Checks that went stale; only touched on the monitor's event loop. */
  private final Set<String> stale = new HashSet<>();
  private final MonitorClock clock;

  /** With many checks, first results that are up are counted, not listed: {@link #onPublished} says how many. */
  private final boolean countFirstUps;
  private int firstUps;
  private int firstUpsAtLastPublish;

  /** @param clock the monitor's clock, to say how old a stale result is */
  public TransitionLog(MonitorClock clock) {
    this(clock, false);
  }

  /**
   * @param countFirstUps whether a first result that is up goes into a count rather than a line of its own (for
   *                      thousands of checks, 10,000 lines at start would bury the few that are down)
   */
  public TransitionLog(MonitorClock clock, boolean countFirstUps) {
    this.clock = Objects.requireNonNull(clock);
    this.countFirstUps = countFirstUps;
  }

  @Override
  public void onResult(CheckState previous, CheckState current, CheckFailure failure) {
    boolean wasStale = stale.remove(current.name());
    if (previous.reported() == current.reported() && !wasStale) {
      return;
    }
    if (countFirstUps && previous.reported() == CheckState.Reported.PENDING && current.reported() == CheckState.Reported.UP) {
      firstUps++;
      return;
    }
    String from = wasStale ? "stale" : word(previous.reported());
    String line = "check=" + current.name() + " from=" + from + " to=" + word(current.reported())
      + (current.reason() == null ? "" : " reason=\"" + current.reason() + "\"");
    LOG.log(current.reported() == CheckState.Reported.UP ? Level.INFO : Level.WARNING, line);
  }

  /** Once a tick brought no more first results, the count of those that were up, in one line. */
  @Override
  public void onPublished(HealthSnapshot snapshot) {
    if (firstUps > 0 && firstUps == firstUpsAtLastPublish) {
      LOG.info("checks=" + firstUps + " from=pending to=ok (counted, not listed: more than " + Pacing.SCALE + " checks)");
      firstUps = 0;
    }
    firstUpsAtLastPublish = firstUps;
  }

  @Override
  public void onStale(CheckState state) {
    stale.add(state.name());
    LOG.warning("check=" + state.name() + " from=ok to=stale reason=\"" + state.effectiveReason(clock.nanoTime()) + "\"");
  }

  @Override
  public void onRemoved(String name) {
    stale.remove(name);
    LOG.info("check=" + name + " removed by a reload");
  }

  private static String word(CheckState.Reported reported) {
    return switch (reported) {
      case PENDING -> "pending";
      case UP -> "ok";
      case DOWN -> "down";
    };
  }
}
