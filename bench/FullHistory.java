import io.healthservice.checks.CheckFailure;
import io.healthservice.checks.FailureKind;
import io.healthservice.history.HealthHistory;
import io.healthservice.http.ProbeRoutes;
import io.healthservice.http.ServiceIdentity;
import io.healthservice.monitor.CheckState;
import io.healthservice.monitor.DependencyGroup;
import io.healthservice.monitor.EventLoopWatch;
import io.healthservice.monitor.HealthSnapshot;
import io.healthservice.monitor.MonitorClock;
import io.healthservice.monitor.ProcessState;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The status views at their largest: the library's routes over a history filled with 24 h of runs (every
 * 5 s, three checks, a 2-minute outage every 30 minutes), so the bench measures /status and
 * /health/history with a full day to render rather than the few seconds a fresh service has.
 * Run: java -cp health-service/target/health-service.jar bench/FullHistory.java PORT
 */
public class FullHistory {

  /** A clock the filler moves by hand, then leaves at the end of the day. */
  static final class Clock implements MonitorClock {
    long nanos = 1_000_000_000_000L;
    Instant wall = Instant.now().minusSeconds(24 * 3600);
    public long nanoTime() { return nanos; }
    public Instant now() { return wall; }
    public long setTimer(long delayMs, Handler<Long> handler) { throw new UnsupportedOperationException(); }
    public boolean cancelTimer(long id) { return false; }
  }

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    Clock clock = new Clock();
    List<DependencyGroup> groups = List.of(new DependencyGroup("database", true, List.of("database")),
      new DependencyGroup("redis", true, List.of("redis")), new DependencyGroup("llm_services", false, List.of("openai")));
    HealthHistory history = new HealthHistory(clock);
    Map<String, CheckState> states = new HashMap<>();
    long maxAge = 15_000_000_000L;
    for (String name : List.of("database", "redis", "openai")) {
      states.put(name, new CheckState(name, CheckState.Reported.PENDING, null, "not checked yet", 0, null, 0, maxAge, 0, 0));
    }
    CheckFailure refused = new CheckFailure(FailureKind.REFUSED, "connection refused");
    for (int run = 0; run < 24 * 720; run++) {
      clock.nanos += 5_000_000_000L;
      clock.wall = clock.wall.plusSeconds(5);
      boolean down = run % 360 < 24;
      for (String name : List.of("database", "redis", "openai")) {
        CheckState previous = states.get(name);
        CheckState current = new CheckState(name, down ? CheckState.Reported.DOWN : CheckState.Reported.UP,
          down ? FailureKind.REFUSED : null, down ? "connection refused" : null, 1 + run % 7, clock.wall, clock.nanos,
          maxAge, down ? 1 : 0, down ? 0 : 1);
        history.onResult(previous, current, down ? refused : null);
        states.put(name, current);
      }
    }
    HealthSnapshot snapshot = new HealthSnapshot(groups, states);
    ProbeRoutes probes = ProbeRoutes.builder(() -> snapshot, new ProcessState(new EventLoopWatch(5_000, clock)),
        new ServiceIdentity("ai-chatrooms", "bench", clock.nanos))
      .clock(() -> clock.nanos, () -> clock.wall)
      .history(history::snapshot)
      .build();
    Vertx vertx = Vertx.vertx();
    for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
      Router router = Router.router(vertx);
      probes.addTo(router, "/health");
      probes.addStatusPages(router);
      vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1");
    }
  }
}
