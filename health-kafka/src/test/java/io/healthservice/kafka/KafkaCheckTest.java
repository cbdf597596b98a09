package io.healthservice.kafka;

import io.healthservice.kit.Target;
import io.healthservice.support.CheckRuns;
import io.healthservice.support.Exec;
import io.healthservice.support.OnContext;
import io.healthservice.support.Ports;
import io.healthservice.support.TcpProxy;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kafka check against a real broker (KRaft, one node, in a JVM of its own), directly and through a
 * {@link TcpProxy} that refuses, hangs and resets; min_brokers; the admin client's one thread per check.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class KafkaCheckTest {

  static final long RUN_MS = 2000;
  private static Vertx vertx;
  private static TcpProxy proxy;
  private static KafkaBroker broker;

  @BeforeAll
  static void setUp() throws Exception {
    vertx = Vertx.vertx();
    int proxied = Ports.free();
    proxy = TcpProxy.start(vertx, "127.0.0.1", proxied);
    long start = System.nanoTime();
    broker = KafkaBroker.start(KafkaBroker.Options.plain().proxied(proxied, proxy.port()));
    System.out.println("broker started in " + (System.nanoTime() - start) / 1_000_000 + " ms");
    warmUp("kafka://127.0.0.1:" + broker.port());
    warmUp("kafka://127.0.0.1:" + proxy.port());
  }

  /** The first calls of a fresh broker and client JVM are slow (class loading, JIT): not what a run measures. */
  static void warmUp(String url) throws Exception {
    KafkaCheck check = check(url, 1);
    long start = System.nanoTime();
    String reason = "not run";
    for (int i = 0; i < 5 && reason != null; i++) {
      reason = CheckRuns.reason(vertx, check, 10_000);
      System.out.println("warm-up " + url + ": " + reason + " after " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }
    close(check);
    assertThat(reason).as("warm-up of " + url).isNull();
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (broker != null) {
      broker.close();
    }
    if (proxy != null) {
      proxy.close();
    }
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  static KafkaCheck check(String url, int minBrokers) {
    return new KafkaCheck(vertx, "events", new KafkaTarget(Target.of(url), Optional.empty(), Optional.empty(), minBrokers));
  }

  static void close(KafkaCheck check) throws Exception {
    OnContext.await(vertx, check::close);
  }

  /** Runs until one is up (the admin client reconnects by itself), at most {@code runs} runs. */
  static String untilUp(KafkaCheck check, int runs) throws Exception {
    String reason = "not run";
    for (int i = 0; i < runs && reason != null; i++) {
      reason = CheckRuns.reason(vertx, check, RUN_MS);
    }
    return reason;
  }

  @Test
  void upDirectlyAndThroughTheProxy() throws Exception {
    KafkaCheck direct = check("kafka://127.0.0.1:" + broker.port(), 1);
    KafkaCheck proxied = check("kafka://127.0.0.1:" + proxy.port(), 1);
    try {
      assertThat(CheckRuns.reason(vertx, direct, RUN_MS)).isNull();
      assertThat(CheckRuns.reason(vertx, direct, RUN_MS)).isNull();
      assertThat(CheckRuns.reason(vertx, proxied, RUN_MS)).isNull();
      assertThat(proxy.openConnections()).isPositive();
      assertThat(direct.target()).isEqualTo("kafka://127.0.0.1:" + broker.port());
    } finally {
      close(direct);
      close(proxied);
    }
    assertThat(CheckRuns.noConnections(proxy, 3000)).as("closed with the check").isTrue();
  }

  @Test
  void fewerBrokersThanMinBrokersIsDown() throws Exception {
    KafkaCheck check = check("kafka://127.0.0.1:" + broker.port(), 2);
    try {
      assertThat(CheckRuns.reason(vertx, check, RUN_MS)).isEqualTo("1 broker < min_brokers 2");
    } finally {
      close(check);
    }
  }

  @Test
  void refusedHungAndResetThenUpAgain() throws Exception {
    KafkaCheck check = check("kafka://127.0.0.1:" + proxy.port(), 1);
    try {
      assertThat(CheckRuns.reason(vertx, check, RUN_MS)).isNull();
      for (TcpProxy.Mode mode : new TcpProxy.Mode[] {TcpProxy.Mode.REFUSE, TcpProxy.Mode.HANG, TcpProxy.Mode.RESET}) {
        proxy.set(mode);
        for (int i = 0; i < 2; i++) {
          long start = System.nanoTime();
          String reason = CheckRuns.reason(vertx, check, RUN_MS);
          long tookMs = (System.nanoTime() - start) / 1_000_000;
          System.out.println(mode + " run " + i + ": " + reason + " in " + tookMs + " ms");
          // A hung broker reads "timeout", or, when the client's connect has not completed in the run (a loaded
          // machine), "... unanswered": both true, both bounded.
          if (mode == TcpProxy.Mode.HANG) {
            assertThat(reason).as(mode.name()).isIn("timeout", "no broker reachable (connection refused or unanswered)");
          } else if (mode == TcpProxy.Mode.REFUSE) {
            assertThat(reason).as(mode.name()).isEqualTo("no broker reachable (connection refused or unanswered)");
          }
          assertThat(reason).as(mode.name()).isNotNull();
          assertThat(tookMs).as(mode + " bounded by the budget").isLessThan(RUN_MS + 500);
        }
        proxy.set(TcpProxy.Mode.FORWARD);
        long start = System.nanoTime();
        assertThat(untilUp(check, 5)).as("up again after " + mode).isNull();
        System.out.println("up again after " + mode + " in " + (System.nanoTime() - start) / 1_000_000 + " ms");
      }
    } finally {
      proxy.set(TcpProxy.Mode.FORWARD);
      close(check);
    }
  }

  @Test
  void oneAdminThreadPerCheckUntilClosed() throws Exception {
    int before = adminThreads();
    KafkaCheck first = check("kafka://127.0.0.1:" + broker.port(), 1);
    KafkaCheck second = check("kafka://127.0.0.1:" + broker.port(), 1);
    for (int i = 0; i < 5; i++) {
      assertThat(CheckRuns.reason(vertx, first, RUN_MS)).isNull();
      assertThat(CheckRuns.reason(vertx, second, RUN_MS)).isNull();
    }
    assertThat(adminThreads() - before).isEqualTo(2);
    System.out.println("threads: " + Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted().toList());
    close(first);
    close(second);
    Exec.await("admin threads gone", Duration.ofSeconds(5), () -> adminThreads() == before, () -> "" + adminThreads());
  }

  /** What Kafka's client says at WARNING (the service's level) while a broker is away: bounded, not per retry. */
  @Test
  void anOutageLogsAFewWarningsNotOnePerRetry() throws Exception {
    java.util.List<java.util.logging.LogRecord> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Handler capture = new java.util.logging.Handler() {
      @Override
      public void publish(java.util.logging.LogRecord record) {
        if (record.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
          warnings.add(record);
        }
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    java.util.logging.Logger kafka = java.util.logging.Logger.getLogger("org.apache.kafka");
    KafkaCheck check = check("kafka://127.0.0.1:" + proxy.port(), 1);
    try {
      assertThat(CheckRuns.reason(vertx, check, RUN_MS)).isNull();
      kafka.addHandler(capture);
      proxy.set(TcpProxy.Mode.REFUSE);
      for (int i = 0; i < 3; i++) {
        assertThat(CheckRuns.reason(vertx, check, RUN_MS)).isNotNull();
        Thread.sleep(3000); // the interval between runs: does the idle client keep reconnecting (and warning)?
      }
      System.out.println("warnings in 3 refused runs 3 s apart: " + warnings.size() + " "
        + warnings.stream().map(java.util.logging.LogRecord::getMessage).distinct().toList());
      assertThat(warnings.size()).as("about 6 per failed 2 s run (a reconnect warning each), none between runs").isLessThanOrEqualTo(3 * 8);
      assertThat(adminThreads()).as("the failed run's client closed").isEqualTo(0);
    } finally {
      kafka.removeHandler(capture);
      proxy.set(TcpProxy.Mode.FORWARD);
      close(check);
    }
  }

  static int adminThreads() {
    return (int) Thread.getAllStackTraces().keySet().stream()
      .filter(t -> t.getName().startsWith("kafka-admin-client-thread")).count();
  }
}
