package io.healthservice.impl.http;

import io.healthservice.HealthSnapshot;
import io.healthservice.Readiness;
import io.healthservice.impl.http.TimedBodies.Body;

import java.time.InstantSource;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The answers of {@code /health}, {@code /health/ready} and {@code /health/live} without a query or
 * health+json: status and encoded body. Each request judges the snapshot at its own instant (staleness,
 * draining, event loops); only the bytes are reused, when a request needs exactly the body of the last.
 */
final class PlainAnswers {

  /** Matches no request: the first of each probe renders. */
  private static final Body NONE = new Body(new Object(), null, -1, Long.MIN_VALUE, 0, null);

  private final Supplier<HealthSnapshot> snapshots;
  private final Readiness readiness;
  private final RenderCache cache;
  private final long startedNanos;
  private final LongSupplier nanoTime;
  private final InstantSource wallClock;
  // The last body of each probe, shared by every event loop; a race only renders the same thing twice.
  private volatile Body health = NONE;
  private volatile Body ready = NONE;
  private volatile Body live = NONE;

  PlainAnswers(Supplier<HealthSnapshot> snapshots, Readiness readiness, RenderCache cache, long startedNanos,
               LongSupplier nanoTime, InstantSource wallClock) {
    this.snapshots = Objects.requireNonNull(snapshots);
    this.readiness = Objects.requireNonNull(readiness);
    this.cache = Objects.requireNonNull(cache);
    this.startedNanos = startedNanos;
    this.nanoTime = Objects.requireNonNull(nanoTime);
    this.wallClock = Objects.requireNonNull(wallClock);
  }

  /** {@code /health}: 503 when a critical dependency is down. */
  Body health() {
    long now = nanoTime.getAsLong();
    RenderCache.Rendered rendered = cache.rendered(snapshots.get(), now);
    long uptimeMs = uptimeMs(now);
    long epochMillis = wallClock.millis();
    Body last = health;
    if (last.source() != rendered || last.uptimeMs() != uptimeMs || last.epochMillis() != epochMillis) {
      last = new Body(rendered, null, uptimeMs, epochMillis, JsonResponse.statusCode(rendered.status()),
        TimedBodies.shortForm(rendered.prefix(), uptimeMs, epochMillis, null));
      health = last;
    }
    return last;
  }

  /** {@code /health/ready}: the aggregate's body, readiness's verdict (503 while draining or starting). */
  Body ready() {
    long now = nanoTime.getAsLong();
    RenderCache.Rendered rendered = cache.rendered(snapshots.get(), now);
    String notReady = readiness.notReadyReason(rendered.started());
    long uptimeMs = uptimeMs(now);
    long epochMillis = wallClock.millis();
    Body last = ready;
    if (last.source() != rendered || last.reason() != notReady || last.uptimeMs() != uptimeMs
        || last.epochMillis() != epochMillis) {
      last = new Body(rendered, notReady, uptimeMs, epochMillis, Readiness.ready(notReady, rendered.status()) ? 200 : 503,
        TimedBodies.shortForm(rendered.prefix(), uptimeMs, epochMillis, notReady));
      ready = last;
    }
    return last;
  }

  /** {@code /health/live}: the process only. */
  Body live() {
    long now = nanoTime.getAsLong();
    boolean alive = readiness.live(now);
    long lagMs = readiness.eventLoopLagMs(now);
    Body last = live;
    if (last.source() != Boolean.valueOf(alive) || last.uptimeMs() != lagMs) {
      // Lag stands in the uptime slot: the body has no time in it, so it is reused until either changes.
      last = new Body(alive, null, lagMs, 0, alive ? 200 : 503, TimedBodies.live(alive, lagMs));
      live = last;
    }
    return last;
  }

  private long uptimeMs(long nowNanos) {
    return Math.max(0, (nowNanos - startedNanos) / 1_000_000);
  }
}
