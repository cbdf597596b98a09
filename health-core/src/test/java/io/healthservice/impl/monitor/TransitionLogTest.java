package io.healthservice.impl.monitor;

import io.healthservice.CheckSettings;
import io.healthservice.DependencyGroup;
import io.healthservice.support.FakeClock;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** The transition log with thousands of checks: first results that are up in one counted line, down ones listed. */
class TransitionLogTest {

  private static Vertx vertx;
  private final FakeClock clock = new FakeClock();

  @BeforeAll
  static void createVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void closeVertx() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void thousandsOfFirstResultsAreCountedInALineAndTheDownOnesListed() {
    List<FakeCheck> checks = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      checks.add(i == 7 ? new FakeCheck("c" + i).manual() : new FakeCheck("c" + i).healthy());
    }
    CheckSettings settings = CheckSettings.of(true, Duration.ofSeconds(10), Duration.ofSeconds(2));
    HealthMonitor monitor = new HealthMonitor(vertx, clock,
      checks.stream().map(c -> new DependencyGroup(c.name(), true, List.of(c.name()))).toList(),
      checks.stream().map(c -> new MonitoredCheck(c, settings)).toList(), 4096, new SplittableRandom(7));
    List<String> lines = new CopyOnWriteArrayList<>();
    Logger log = Logger.getLogger("health.monitor");
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        lines.add(record.getMessage());
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    log.addHandler(handler);
    try {
      monitor.addListener(new TransitionLog(clock, true));
      monitor.start();
      clock.advance(3_000);
    } finally {
      log.removeHandler(handler);
    }
    assertThat(lines).containsExactlyInAnyOrder("check=c7 from=pending to=down reason=\"timeout after 2000 ms\"",
      "checks=499 from=pending to=ok (counted, not listed: more than 100 checks)");
  }
}
