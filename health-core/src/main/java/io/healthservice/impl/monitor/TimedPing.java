package io.healthservice.impl.monitor;

import io.healthservice.CheckContext;
import io.healthservice.CheckSettings;
import io.healthservice.CheckFailure;
import io.healthservice.DependencyCheck;
import io.healthservice.FailureKind;
import io.healthservice.MonitorClock;
import io.vertx.core.Future;

import java.util.Objects;

/**
 * The one timeout mechanism for check runs: a future and a timer race, and whichever ends first decides
 * (try-complete, so the loser is ignored). A late answer of a timed-out run is dropped here. The monitor
 * bounds each run with it (a check that bounds a step of its run uses Vert.x's {@code Future.timeout}).
 */
final class TimedPing {

  private TimedPing() {
  }

  /** Pings {@code check}; fails with a {@link FailureKind#TIMEOUT} failure when it has not answered in time. */
  static Future<Void> ping(DependencyCheck check, CheckContext context, long timeoutMs, MonitorClock clock) {
    Future<Void> ping;
    try {
      ping = Objects.requireNonNull(check.ping(context), "ping() returned null");
    } catch (RuntimeException e) {
      // A check that throws instead of failing its future still ends its run.
      ping = Future.failedFuture(e);
    }
    return within(ping, timeoutMs, clock);
  }

  /** {@code step}, or a {@code timeout after N ms} failure if it has not ended within {@code ms} of {@code clock}. */
  static <T> Future<T> within(Future<T> step, long ms, MonitorClock clock) {
    return clock.within(step, ms, () -> new CheckFailure(FailureKind.TIMEOUT, "timeout after " + ms + " ms"));
  }

  /** A run that passed but took longer than {@code warn_after}: up, with the warning {@code slow}. */
  static void warnIfSlow(CheckSettings settings, CheckContext context, CheckFailure failure, long elapsedMs) {
    if (failure == null && settings.warnAfter() != null && elapsedMs > settings.warnAfter().toMillis()) {
      context.warn("slow", "slow: " + elapsedMs + " ms > " + settings.warnAfter().toMillis() + " ms");
    }
  }
}
