package io.healthservice.mongodb;

import io.healthservice.kit.Target;
import io.healthservice.support.CheckRuns;
import io.healthservice.support.Exec;
import io.healthservice.support.OnContext;
import io.healthservice.support.Ports;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one check's client costs and leaves behind, against {@link MongoStandIn} (a wire-compatible stand-in, not
 * MongoDB): the driver's threads while it is open, none after it is closed or dropped, and the driver's log lines
 * off by default and, when an application turns them on, free of the password.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MongoClientResourcesTest {

  private static Vertx vertx;
  private static MongoStandIn server;

  @BeforeAll
  static void setUp() throws Exception {
    vertx = Vertx.vertx();
    server = MongoStandIn.start(MongoStandIn.Options.standalone());
    MongoCheckTest.warmUp(vertx, server);
  }

  @AfterAll
  static void tearDown() throws Exception {
    server.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  /** Threads of the JVM not among {@code before}, by name, ignoring Vert.x's and JUnit's own. */
  private static List<String> newThreads(Set<String> before) {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
      .filter(name -> !before.contains(name) && !name.startsWith("vert.x-") && !name.startsWith("junit") && !name.startsWith("mongo-server"))
      .sorted().toList();
  }

  private static Set<String> threadNames() {
    return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).collect(Collectors.toSet());
  }

  @Test
  void aClientsThreadsAreTheDriversMonitorsAndGoWithIt() throws Exception {
    Set<String> before = threadNames();
    MongoCheck check = MongoCheckTest.check(vertx, Target.of(server.url()), false);
    assertThat(CheckRuns.reason(vertx, check, MongoCheckTest.RUN_MS)).isNull();
    assertThat(CheckRuns.reason(vertx, check, MongoCheckTest.RUN_MS)).isNull();
    List<String> open = newThreads(before);
    System.out.println("threads of one mongodb check's client: " + open.size() + " " + open);
    // The server monitor, the cluster's selection and event threads, the pool's two; the sockets are on Vert.x's loops.
    assertThat(open).isNotEmpty().hasSizeLessThanOrEqualTo(5);
    OnContext.await(vertx, check::close);
    Exec.await("the driver's threads gone", Duration.ofSeconds(10), () -> newThreads(before).isEmpty(),
      () -> "left: " + newThreads(before));
  }

  @Test
  void failedRunsDropTheirClientsWithoutLeavingThreads() throws Exception {
    Set<String> before = threadNames();
    MongoCheck check = MongoCheckTest.check(vertx, Target.of("mongodb://127.0.0.1:" + Ports.free()), false);
    for (int i = 0; i < 4; i++) {
      assertThat(CheckRuns.reason(vertx, check, 1000)).isEqualTo("connection refused");
      CheckRuns.drop(vertx, check);
    }
    Exec.await("no thread left by the dropped clients", Duration.ofSeconds(10), () -> newThreads(before).isEmpty(),
      () -> "left: " + newThreads(before));
    OnContext.await(vertx, check::close);
  }

  @Test
  void theDriversLogIsOffByDefaultAndNeverHoldsThePassword() throws Exception {
    Logger driver = Logger.getLogger("org.mongodb.driver");
    assertThat(driver.getLevel()).isEqualTo(Level.OFF); // set by the kind: the service logs nothing of the driver
    List<LogRecord> records = new ArrayList<>();
    Handler capture = new Handler() {
      @Override
      public synchronized void publish(LogRecord record) {
        records.add(record);
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    driver.setLevel(Level.ALL);
    driver.addHandler(capture);
    try (MongoStandIn strict = MongoStandIn.start(MongoStandIn.Options.standalone().failingAuthentication())) {
      String password = MongoCheckTest.PASSWORD;
      MongoCheck inUrl = MongoCheckTest.check(vertx, Target.of("mongodb://app:" + password + "@127.0.0.1:" + strict.port()), false);
      MongoCheck fromFile = MongoCheckTest.check(vertx, new Target("mongodb://app@127.0.0.1:" + strict.port(),
        Optional.of(password), Optional.empty()), false);
      for (MongoCheck check : List.of(inUrl, fromFile)) {
        assertThat(CheckRuns.reason(vertx, check, MongoCheckTest.RUN_MS)).startsWith("authentication failed");
        OnContext.await(vertx, check::close);
      }
      List<String> texts;
      synchronized (capture) {
        texts = records.stream().map(MongoClientResourcesTest::text).toList();
      }
      assertThat(texts).isNotEmpty().noneMatch(text -> text.contains(password));
    } finally {
      driver.removeHandler(capture);
      driver.setLevel(Level.OFF);
    }
  }

  /** A record as any formatter could print it: message, parameters, and every message of the thrown chain. */
  private static String text(LogRecord record) {
    StringBuilder text = new StringBuilder(String.valueOf(record.getMessage()));
    for (Object parameter : record.getParameters() == null ? new Object[0] : record.getParameters()) {
      text.append(' ').append(parameter);
    }
    for (Throwable t = record.getThrown(); t != null && t.getCause() != t; t = t.getCause()) {
      text.append(' ').append(t);
    }
    return text.toString();
  }
}
