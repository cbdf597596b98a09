import io.healthservice.CheckFailure;
import io.healthservice.CheckSettings;
import io.healthservice.DependencyCheck;
import io.healthservice.FailureKind;
import io.healthservice.HealthChecker;
import io.healthservice.MonitorClock;
import io.healthservice.status.StatusPages;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The status views with a full day to render: a HealthChecker, built like any application's, whose
 * monitor first runs 24 h of simulated time (three checks every 5 s, outages below) on a clock this
 * class drives, then goes on in real time. So the bench measures /status and /health/history at their
 * retention bound rather than with the few seconds of history a fresh service has. It also serves the
 * README's screenshot.
 * Run: java -cp health-service/target/health-service.jar bench/FullHistory.java PORT
 */
public class FullHistory {

  private static final long DAY_NANOS = 24 * 3600 * 1_000_000_000L;

  /** Simulated time with its own timer queue until {@link #goLive}, then the system clock and Vert.x timers. */
  static final class Clock implements MonitorClock {
    private record Timer(long dueNanos, long id, Handler<Long> handler) {
    }

    final Vertx vertx;
    long nanos = System.nanoTime() - DAY_NANOS;
    Instant wall = Instant.now().minusNanos(DAY_NANOS);
    long offsetNanos;
    volatile boolean real;
    private long nextId = 1;
    private final PriorityQueue<Timer> timers = new PriorityQueue<>((a, b) -> Long.compare(a.dueNanos, b.dueNanos));
    private final java.util.Set<Long> cancelled = new java.util.HashSet<>();

    Clock(Vertx vertx) {
      this.vertx = vertx;
    }

    public long nanoTime() { return real ? System.nanoTime() + offsetNanos : nanos; }
    public Instant now() { return real ? Instant.now() : wall; }

    public long setTimer(long delayMs, Handler<Long> handler) {
      if (real) {
        return vertx.setTimer(Math.max(1, delayMs), handler);
      }
      long id = -(nextId++); // negative: never a Vert.x timer id
      timers.add(new Timer(nanos + Math.max(1, delayMs) * 1_000_000, id, handler));
      return id;
    }

    public boolean cancelTimer(long id) {
      return id < 0 ? cancelled.add(id) : vertx.cancelTimer(id);
    }

    /** Moves time forward, firing due timers in order, until {@code endNanos}. */
    void runUntil(long endNanos) {
      while (!timers.isEmpty() && timers.peek().dueNanos <= endNanos) {
        Timer next = timers.poll();
        advance(Math.max(0, next.dueNanos - nanos));
        if (!cancelled.remove(next.id)) {
          next.handler.handle(next.id);
        }
      }
    }

    void advance(long byNanos) {
      nanos += byNanos;
      wall = wall.plusNanos(byNanos);
    }

    /** From now on real time; the simulated timers still pending are handed to Vert.x. */
    void goLive() {
      offsetNanos = nanos - System.nanoTime();
      real = true;
      for (Timer timer : timers) {
        if (!cancelled.contains(timer.id)) {
          vertx.setTimer(Math.max(1, (timer.dueNanos - nanos) / 1_000_000), timer.handler);
        }
      }
      timers.clear();
    }
  }

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    Vertx vertx = Vertx.vertx();
    Clock clock = new Clock(vertx);
    long start = clock.nanos;
    CheckFailure refused = new CheckFailure(FailureKind.REFUSED, "connection refused");
    // Database always up; Redis down 25 minutes five hours ago and for 2 minutes every 4 hours; the OpenAI
    // endpoint flapping (1 minute down every 30 minutes: the most timeline bars). Latency: time the ping takes.
    DependencyCheck database = simulated("database", clock, minute -> false,
      run -> 2 + Math.round(1.5 * Math.sin(run / 40.0)) + run % 3, refused);
    DependencyCheck redis = simulated("redis", clock, minute -> (minute >= 1140 && minute < 1165) || minute % 240 < 2,
      run -> 1 + run % 2, refused);
    DependencyCheck openai = simulated("openai", clock, minute -> minute % 30 == 7,
      run -> 120 + Math.round(60 * Math.sin(run / 90.0)) + run % 17, refused);
    Duration interval = Duration.ofSeconds(5);
    Duration timeout = Duration.ofSeconds(2);
    Duration maxAge = Duration.ofHours(1); // the results stay fresh while the bench runs
    HealthChecker health = HealthChecker.builder(vertx, "ai-chatrooms", "bench")
      .clock(clock)
      .logTransitions(false)
      .check(database, new CheckSettings(true, interval, timeout, maxAge, 1, 1))
      .check(redis, new CheckSettings(true, interval, timeout, maxAge, 1, 1))
      .group("llm_services", new CheckSettings(false, interval, timeout, maxAge, 1, 1), List.of(openai))
      .build();
    StatusPages status = StatusPages.create(health); // the history, before the simulated day runs
    vertx.deployVerticle(new VerticleBase() {
      @Override
      public Future<?> start() {
        Future<Void> started = health.start();
        clock.runUntil(start + DAY_NANOS); // the day, on this event loop, before any request is served
        clock.goLive();
        return started;
      }
    }).await();
    for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
      Router router = Router.router(vertx);
      status.addTo(router); // /status, /badge/{check}.svg and /health/history, before the probes
      health.probes().addTo(router, "/health");
      vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1");
    }
  }

  /** A check that answers at once, after "taking" its latency on the simulated clock; up once live. */
  private static DependencyCheck simulated(String name, Clock clock, java.util.function.LongPredicate downAtMinute,
                                           java.util.function.LongUnaryOperator latencyMsOfRun, CheckFailure failure) {
    long[] run = {0};
    long start = clock.nanos;
    return DependencyCheck.of(name, () -> {
      if (clock.real) {
        return Future.succeededFuture();
      }
      long minute = (clock.nanos - start) / 60_000_000_000L;
      clock.advance(latencyMsOfRun.applyAsLong(run[0]++) * 1_000_000);
      return downAtMinute.test(minute) ? Future.failedFuture(failure) : Future.succeededFuture();
    });
  }
}
