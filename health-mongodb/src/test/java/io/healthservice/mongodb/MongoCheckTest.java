package io.healthservice.mongodb;

import io.healthservice.kit.Target;
import io.healthservice.support.CheckRuns;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MongoCheckTest {

  private static Vertx vertx;

  @BeforeAll
  static void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void tearDown() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static MongoCheck check(String url, boolean writable) {
    return new MongoCheck(vertx, "orders", new MongoTarget(Target.of(url), writable));
  }

  @Test
  void upDirectly() throws Exception {
    try (MongoStandIn server = MongoStandIn.start(MongoStandIn.Options.standalone())) {
      MongoCheck check = check(server.url(), false);
      assertThat(CheckRuns.reason(vertx, check, 2000)).isNull();
      assertThat(CheckRuns.reason(vertx, check, 2000)).isNull();
      check.close();
    }
  }
}
