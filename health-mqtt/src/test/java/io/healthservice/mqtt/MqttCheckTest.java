package io.healthservice.mqtt;

import io.healthservice.CheckContext;
import io.healthservice.CheckFailure;
import io.healthservice.FailureKind;
import io.healthservice.kit.Target;
import io.healthservice.support.CheckRuns;
import io.healthservice.support.Exec;
import io.healthservice.support.OnContext;
import io.healthservice.support.TcpProxy;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The MQTT check against the machine's Mosquitto (127.0.0.1:1883, anonymous), and through a {@link TcpProxy}
 * that refuses, hangs, resets, answers garbage or a scripted CONNACK refusal.
 */
class MqttCheckTest {

  private static final String PASSWORD = "pw-secret-7f3a";
  private static final Duration RUN = Duration.ofSeconds(2);
  private static Vertx vertx;

  @BeforeAll
  static void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static MqttCheck check(int port) {
    return new MqttCheck(vertx, "telemetry", new Target("mqtt://health@127.0.0.1:" + port, Optional.of(PASSWORD), Optional.empty()));
  }

  private static CheckFailure failureOf(MqttCheck check, Duration run) throws Exception {
    Throwable error = OnContext.failure(vertx, () -> check.ping(CheckRuns.context(check, run)));
    assertThat(error).isInstanceOf(CheckFailure.class);
    CheckFailure failure = (CheckFailure) error;
    assertThat(failure.reason()).doesNotContain(PASSWORD).doesNotContain("health@");
    return failure;
  }

  private static Buffer connack(int code) {
    return Buffer.buffer(new byte[] {0x20, 0x02, 0x00, (byte) code});
  }

  @Test
  void upAgainstTheRealBrokerAndNothingLeftOpen() throws Exception {
    try (TcpProxy proxy = TcpProxy.start(vertx, "127.0.0.1", 1883)) {
      MqttCheck check = check(proxy.port());
      assertThat(check.target()).isEqualTo("mqtt://health@127.0.0.1:" + proxy.port());
      OnContext.await(vertx, () -> check.ping(CheckRuns.context(check, RUN)));
      OnContext.await(vertx, () -> check.ping(CheckRuns.context(check, RUN)));
      // CONNECT, CONNACK, DISCONNECT: the run's connection is gone when the run ends.
      Exec.await("no socket left", Duration.ofSeconds(3), () -> proxy.openConnections() == 0, () -> "open: " + proxy.openConnections());
    }
    OnContext.await(vertx, () -> new MqttCheck(vertx, "direct", Target.of("mqtt://127.0.0.1:1883")).ping(CheckContext.of(RUN)));
  }

  @Test
  void connackRefusalsByTheirCode() throws Exception {
    try (TcpProxy proxy = TcpProxy.start(vertx, "127.0.0.1", 1883)) {
      MqttCheck check = check(proxy.port());
      proxy.script(connack(5)).set(TcpProxy.Mode.SCRIPTED);
      assertThat(failureOf(check, RUN).reason()).isEqualTo("CONNACK refused: not authorized (5)");
      proxy.script(connack(4));
      assertThat(failureOf(check, RUN).reason()).isEqualTo("CONNACK refused: bad user name or password (4)");
      proxy.script(connack(3));
      assertThat(failureOf(check, RUN).reason()).isEqualTo("CONNACK refused: server unavailable (3)");
    }
    assertThat(MqttCheck.refusal(MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD).reason())
      .isEqualTo("CONNACK refused: bad user name or password (134)");
    assertThat(MqttCheck.clientId()).startsWith("health-").isNotEqualTo(MqttCheck.clientId());
  }

  @Test
  void throughProxyRefusedHungResetGarbageThenRecovers() throws Exception {
    try (TcpProxy proxy = TcpProxy.start(vertx, "127.0.0.1", 1883)) {
      MqttCheck check = check(proxy.port());
      OnContext.await(vertx, () -> check.ping(CheckRuns.context(check, RUN)));

      proxy.set(TcpProxy.Mode.REFUSE);
      CheckFailure refused = failureOf(check, RUN);
      assertThat(refused.kind()).isEqualTo(FailureKind.REFUSED);
      assertThat(refused.reason()).isEqualTo("connection refused");

      proxy.set(TcpProxy.Mode.HANG);
      Duration shortRun = Duration.ofMillis(400);
      CompletableFuture<Void> hung = OnContext.start(vertx, () -> check.ping(CheckRuns.context(check, shortRun)));
      assertThatThrownBy(() -> hung.get(shortRun.toMillis(), TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
      assertThat(proxy.openConnections()).isEqualTo(1);
      OnContext.await(vertx, () -> CheckRuns.drop(check)); // what the monitor does after a timeout
      Exec.await("no socket left on the proxy", Duration.ofSeconds(3), () -> proxy.openConnections() == 0,
        () -> "open: " + proxy.openConnections());

      proxy.set(TcpProxy.Mode.RESET);
      assertThat(failureOf(check, RUN).kind()).isEqualTo(FailureKind.REFUSED);

      proxy.set(TcpProxy.Mode.GARBAGE);
      assertThat(failureOf(check, RUN).reason()).isIn("protocol error: unexpected reply", "connection closed by peer");
      Exec.await("the garbled connection closed", Duration.ofSeconds(3), () -> proxy.openConnections() == 0,
        () -> "open: " + proxy.openConnections());

      proxy.set(TcpProxy.Mode.FORWARD);
      OnContext.await(vertx, () -> check.ping(CheckRuns.context(check, RUN)));
    }
  }
}
