package io.healthservice.rabbitmq;

import io.healthservice.kit.Target;
import com.rabbitmq.client.Connection;
import io.healthservice.CheckContext;
import io.healthservice.CheckFailure;
import io.healthservice.FailureKind;
import io.healthservice.support.CheckRuns;
import io.healthservice.support.Exec;
import io.healthservice.support.OnContext;
import io.healthservice.support.TcpProxy;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The RabbitMQ check against the machine's broker (127.0.0.1:5672), as a user and vhost made for this test and
 * deleted after it, directly and through a {@link TcpProxy}. The broker-wide alarm behind {@code connection.blocked}
 * is never set here (the broker is shared): the test drives the listener the check registered instead.
 */
class RabbitMqCheckTest {

  private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
  private static final String USER = "health_t_" + SUFFIX;
  private static final String VHOST = "health_t_" + SUFFIX;
  private static final String PASSWORD = "pw-" + UUID.randomUUID();
  private static final Duration RUN = Duration.ofSeconds(2);
  private static Vertx vertx;

  @BeforeAll
  static void setUp() {
    Exec.requireBinary("/usr/sbin/rabbitmqctl", "rabbitmq-server");
    ctl("add_vhost", VHOST);
    ctl("add_user", USER, PASSWORD);
    ctl("set_permissions", "-p", VHOST, USER, ".*", ".*", ".*");
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void tearDown() throws Exception {
    try {
      ctl("delete_user", USER);
      ctl("delete_vhost", VHOST);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private static void ctl(String... args) {
    List<String> command = new java.util.ArrayList<>(List.of("/usr/sbin/rabbitmqctl", "-q"));
    command.addAll(List.of(args));
    Exec.ok(Duration.ofSeconds(30), command);
  }

  private static RabbitMqCheck check(int port, String vhost, String password) {
    return new RabbitMqCheck(vertx, "events", new Target("amqp://" + USER + "@127.0.0.1:" + port + "/" + vhost,
      Optional.of(password), Optional.empty(), Target.DEFAULT_MAX_CONNECTION_AGE));
  }

  private static CheckFailure failureOf(RabbitMqCheck check, Duration run) throws Exception {
    Throwable error = OnContext.failure(vertx, () -> check.ping(CheckRuns.context(check, run)));
    assertThat(error).isInstanceOf(CheckFailure.class);
    CheckFailure failure = (CheckFailure) error;
    assertThat(failure.reason()).doesNotContain(PASSWORD).doesNotContain(USER).doesNotContain(VHOST)
      .doesNotContainIgnoringCase("refused for user").doesNotContainIgnoringCase("vhost '");
    return failure;
  }

  private static long amqpThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("AMQP Connection")).count();
  }

  @Test
  void upOnAPrivateVhostKeepsOneConnectionAndLeavesNoThreadAfterClose() throws Exception {
    // An earlier test's closed connection may still be ending its reader thread on a loaded machine.
    Exec.await("earlier reader threads gone", Duration.ofSeconds(5), () -> amqpThreads() == 0, () -> "threads: " + amqpThreads());
    long before = amqpThreads();
    RabbitMqCheck check = check(5672, VHOST, PASSWORD);
    OnContext.await(vertx, () -> check.ping(CheckRuns.context(check, RUN)));
    Connection first = check.session().connection();
    OnContext.await(vertx, () -> check.ping(CheckRuns.context(check, RUN)));
    assertThat(check.session().connection()).isSameAs(first); // one connection, a channel per run
    assertThat(amqpThreads()).isEqualTo(before + 1);
    OnContext.await(vertx, check::close);
    assertThat(first.isOpen()).isFalse();
    Exec.await("the reader thread gone", Duration.ofSeconds(5), () -> amqpThreads() == before, () -> "threads: " + amqpThreads());
  }

  @Test
  void defaultVhostFromPercentEncodedPath() throws Exception {
    RabbitMqCheck check = new RabbitMqCheck(vertx, "events", Target.of("amqp://guest:guest@127.0.0.1:5672/%2f"));
    assertThat(check.vhost()).isEqualTo("/");
    assertThat(check.target()).isEqualTo("amqp://guest:***@127.0.0.1:5672/%2f");
    OnContext.await(vertx, () -> check.ping(CheckRuns.context(check, RUN)));
    OnContext.await(vertx, check::close);
  }

  @Test
  void wrongPasswordIsAccessRefused() throws Exception {
    RabbitMqCheck check = check(5672, VHOST, "not-" + PASSWORD);
    assertThat(failureOf(check, RUN).reason()).isEqualTo("access refused (403)");
    OnContext.await(vertx, check::close);
  }

  @Test
  void unknownVhostIsNotAllowed() throws Exception {
    RabbitMqCheck check = check(5672, VHOST + "-missing", PASSWORD);
    assertThat(failureOf(check, RUN).reason()).isEqualTo("vhost not allowed (530)");
    OnContext.await(vertx, check::close);
  }

  @Test
  void blockedConnectionIsDownUntilUnblocked() throws Exception {
    RabbitMqCheck check = check(5672, VHOST, PASSWORD);
    try {
      OnContext.await(vertx, () -> check.ping(CheckRuns.context(check, RUN)));
      RabbitMqSession session = check.session();
      // The session is the listener registered on the real amqp-client connection.
      assertThat(session.connection().removeBlockedListener(session)).isTrue();
      session.connection().addBlockedListener(session);
      session.handleBlocked("low on memory");
      assertThat(failureOf(check, RUN).reason()).isEqualTo("connection blocked by broker");
      session.handleUnblocked();
      OnContext.await(vertx, () -> check.ping(CheckRuns.context(check, RUN)));
    } finally {
      OnContext.await(vertx, check::close);
    }
  }

  @Test
  void throughProxyRefusedHungResetGarbageThenRecovers() throws Exception {
    try (TcpProxy proxy = TcpProxy.start(vertx, "127.0.0.1", 5672)) {
      RabbitMqCheck check = check(proxy.port(), VHOST, PASSWORD);
      OnContext.await(vertx, () -> check.ping(CheckRuns.context(check, RUN)));

      proxy.set(TcpProxy.Mode.REFUSE);
      OnContext.await(vertx, () -> CheckRuns.drop(check));
      CheckFailure refused = failureOf(check, RUN);
      assertThat(refused.kind()).isEqualTo(FailureKind.REFUSED);
      assertThat(refused.reason()).isEqualTo("connection refused");

      proxy.set(TcpProxy.Mode.HANG);
      Duration shortRun = Duration.ofMillis(400);
      CompletableFuture<Void> hung = OnContext.start(vertx, () -> check.ping(CheckRuns.context(check, shortRun)));
      assertThatThrownBy(() -> hung.get(shortRun.toMillis(), TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
      OnContext.await(vertx, () -> CheckRuns.drop(check)); // what the monitor does after a timeout
      Exec.await("no socket left on the proxy", Duration.ofSeconds(3), () -> proxy.openConnections() == 0,
        () -> "open: " + proxy.openConnections());

      proxy.set(TcpProxy.Mode.RESET);
      assertThat(failureOf(check, RUN).kind()).isEqualTo(FailureKind.REFUSED);

      proxy.set(TcpProxy.Mode.GARBAGE);
      OnContext.await(vertx, () -> CheckRuns.drop(check));
      assertThat(failureOf(check, shortRun).reason()).isIn("protocol error: unexpected reply", "connection closed by peer");

      proxy.set(TcpProxy.Mode.FORWARD);
      OnContext.await(vertx, () -> CheckRuns.drop(check));
      OnContext.await(vertx, () -> check.ping(CheckRuns.context(check, RUN)));
      OnContext.await(vertx, check::close);
      Exec.await("no socket left after close", Duration.ofSeconds(3), () -> proxy.openConnections() == 0,
        () -> "open: " + proxy.openConnections());
    }
  }
}
