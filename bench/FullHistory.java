
import io.healthservice.CheckFailure;
import io.healthservice.CheckState;
import io.healthservice.DependencyGroup;
import io.healthservice.FailureKind;
import io.healthservice.HealthSnapshot;
import io.healthservice.MonitorClock;
import io.healthservice.ProbeRoutes;
import io.healthservice.impl.history.HealthHistory;
import io.healthservice.impl.http.ServiceIdentity;
import io.healthservice.impl.monitor.EventLoopWatch;
import io.healthservice.impl.monitor.ProcessState;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The status views with a full day to render: the library's routes over a history filled with 24 h of
 * runs (every 5 s, three checks, outages below), so the bench measures /status and /health/history at
 * their retention bound rather than with the few seconds of history a fresh service has. It also
 * serves the README's screenshot.
 * Run: java -cp health-service/target/health-service.jar bench/FullHistory.java PORT
 */
public class FullHistory {

  /** A clock the filler moves by hand, then running in real time from the end of the day on. */
  static final class Clock implements MonitorClock {
    long nanos = System.nanoTime() - 24 * 3600 * 1_000_000_000L;
    Instant wall = Instant.now().minusSeconds(24 * 3600);
    volatile boolean real;
    public long nanoTime() { return real ? System.nanoTime() : nanos; }
    public Instant now() { return real ? Instant.now() : wall; }
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
    long maxAge = 3_600_000_000_000L; // an hour: the results stay fresh while the bench runs
    for (String name : List.of("database", "redis", "openai")) {
      states.put(name, new CheckState(name, CheckState.Reported.PENDING, null, "not checked yet", 0, null, 0, maxAge, 0, 0));
    }
    CheckFailure refused = new CheckFailure(FailureKind.REFUSED, "connection refused");
    // Ends now. Database always up; Redis down 25 minutes five hours ago and for 2 minutes every 4 hours;
    // the OpenAI endpoint flapping (1 minute down every 30 minutes: the most timeline bars).
    for (int run = 0; run < 24 * 720; run++) {
      clock.nanos += 5_000_000_000L;
      clock.wall = clock.wall.plusSeconds(5);
      int minute = run / 12;
      for (String name : List.of("database", "redis", "openai")) {
        boolean down = switch (name) {
          case "redis" -> (minute >= 1140 && minute < 1165) || minute % 240 < 2;
          case "openai" -> minute % 30 == 7;
          default -> false;
        };
        long latency = switch (name) {
          case "database" -> 2 + Math.round(1.5 * Math.sin(run / 40.0)) + run % 3;
          case "redis" -> 1 + run % 2;
          default -> 120 + Math.round(60 * Math.sin(run / 90.0)) + run % 17;
        };
        CheckState previous = states.get(name);
        CheckState current = new CheckState(name, down ? CheckState.Reported.DOWN : CheckState.Reported.UP,
          down ? FailureKind.REFUSED : null, down ? "connection refused" : null, latency, clock.wall, clock.nanos,
          maxAge, down ? 1 : 0, down ? 0 : 1);
        history.onResult(previous, current, down ? refused : null);
        states.put(name, current);
      }
    }
    HealthSnapshot snapshot = new HealthSnapshot(groups, states);
    // From now on time passes as usual, so the views re-render every second as they would in the service.
    clock.real = true;
    ProbeRoutes probes = ProbeRoutes.builder(() -> snapshot, new ProcessState(new EventLoopWatch(5_000, clock)),
        new ServiceIdentity("ai-chatrooms", "bench", clock.nanos))
      .clock(clock::nanoTime, clock::now)
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
