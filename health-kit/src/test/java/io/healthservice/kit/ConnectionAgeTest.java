package io.healthservice.kit;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionAgeTest {

  private long now;

  @Test
  void aConnectionIsReplacedOnceItReachesItsMaxAge() {
    ConnectionAge age = new ConnectionAge(Duration.ofSeconds(60), () -> now);
    assertThat(age.expired()).as("no connection yet: nothing to replace").isFalse();
    age.connected();
    now += Duration.ofSeconds(59).toNanos();
    assertThat(age.expired()).isFalse();
    now += Duration.ofSeconds(1).toNanos();
    assertThat(age.expired()).isTrue();
    age.closed();
    assertThat(age.expired()).isFalse();
    age.connected();
    assertThat(age.expired()).as("a new connection starts a new age").isFalse();
    assertThat(age.freshEveryRun()).isFalse();
  }

  @Test
  void zeroMeansAFreshConnectionEveryRun() {
    ConnectionAge age = new ConnectionAge(Duration.ZERO, () -> now);
    age.connected();
    assertThat(age.expired()).isTrue();
    assertThat(age.freshEveryRun()).isTrue();
  }
}
