package io.healthservice.mongodb;

import io.healthservice.kit.Target;
import io.healthservice.support.CheckRuns;
import io.healthservice.support.OnContext;
import io.healthservice.support.Ports;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replica-set answers, played by {@link MongoStandIn} (a wire-compatible stand-in, not MongoDB): a primary, a
 * secondary that knows no primary, a member of another set, and a secondary asked directly.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MongoReplicaSetTest {

  private static final long RUN_MS = MongoCheckTest.RUN_MS;
  private static Vertx vertx;

  @BeforeAll
  static void setUp() throws Exception {
    vertx = Vertx.vertx();
    try (MongoStandIn standalone = MongoStandIn.start(MongoStandIn.Options.standalone())) {
      MongoCheckTest.warmUp(vertx, standalone);
    }
  }

  @AfterAll
  static void tearDown() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static String reason(String url, boolean expectWritable) throws Exception {
    MongoCheck check = MongoCheckTest.check(vertx, Target.of(url), expectWritable);
    try {
      long started = System.nanoTime();
      String reason = CheckRuns.reason(vertx, check, RUN_MS);
      // Down or up, the run ends within its budget (server selection gives up at three quarters of it).
      assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(RUN_MS + 1000);
      return reason;
    } finally {
      OnContext.await(vertx, check::close);
    }
  }

  @Test
  void upWithAPrimary() throws Exception {
    try (MongoStandIn primary = MongoStandIn.start(MongoStandIn.Options.primary("rs0"))) {
      assertThat(reason(primary.url() + "/app?replicaSet=rs0", false)).isNull();
      assertThat(reason(primary.url() + "/app?replicaSet=rs0", true)).isNull();
    }
  }

  @Test
  void downWithNoPrimary() throws Exception {
    try (MongoStandIn secondary = MongoStandIn.start(MongoStandIn.Options.secondary("rs0", null))) {
      assertThat(reason(secondary.url() + "/?replicaSet=rs0", false)).isEqualTo("no primary");
    }
  }

  @Test
  void downWhenTheSetHasAnotherName() throws Exception {
    try (MongoStandIn other = MongoStandIn.start(MongoStandIn.Options.primary("rs-other"))) {
      assertThat(reason(other.url() + "/?replicaSet=rs0", false)).isEqualTo("replica set name mismatch");
    }
    try (MongoStandIn standalone = MongoStandIn.start(MongoStandIn.Options.standalone())) {
      assertThat(reason(standalone.url() + "/?replicaSet=rs0", false)).isEqualTo("not a replica set member");
    }
  }

  @Test
  void aSecondaryAskedDirectlyIsUpUnlessItMustBeWritable() throws Exception {
    String unreachablePrimary = "127.0.0.1:" + Ports.free();
    try (MongoStandIn secondary = MongoStandIn.start(MongoStandIn.Options.secondary("rs0", unreachablePrimary))) {
      assertThat(reason(secondary.url(), false)).isNull();
      assertThat(reason(secondary.url(), true)).isEqualTo("member is not the writable primary");
      // Through the set, the driver wants the primary, which it cannot reach.
      assertThat(reason(secondary.url() + "/?replicaSet=rs0", false)).isEqualTo("no primary");
    }
  }
}
