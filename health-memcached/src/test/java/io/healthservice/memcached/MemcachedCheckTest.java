package io.healthservice.memcached;

import io.healthservice.CheckFailure;
import io.healthservice.FailureKind;
import io.healthservice.support.CheckRuns;
import io.healthservice.support.Exec;
import io.healthservice.support.OnContext;
import io.healthservice.support.Ports;
import io.healthservice.support.TcpProxy;
import io.healthservice.support.Tools;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The memcached check against a memcached of its own (Debian's package, on a spare port, owned by PID and
 * stopped), through a {@link TcpProxy} that refuses, hangs and resets, and against stand-ins for its error codes.
 */
class MemcachedCheckTest {

  private static final Duration RUN = Duration.ofSeconds(2);
  private static Vertx vertx;
  private static Process memcached;
  private static int port;

  @BeforeAll
  static void setUp() throws Exception {
    vertx = Vertx.vertx();
    String binary = Tools.require("/usr/bin/memcached", "memcached");
    port = Ports.free();
    Path log = Files.createTempFile("memcached", ".log");
    memcached = Exec.spawn(List.of(binary, "-l", "127.0.0.1", "-p", Integer.toString(port), "-U", "0", "-u", "root",
      "-m", "16"), Path.of("/tmp"), log);
    Exec.awaitListening(memcached, port, Duration.ofSeconds(10), () -> read(log));
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (memcached != null) {
      memcached.destroy();
      memcached.waitFor(5, TimeUnit.SECONDS);
    }
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (java.io.IOException e) {
      return "";
    }
  }

  private static MemcachedCheck check(int on) {
    return new MemcachedCheck(vertx, "cache", new MemcachedTarget("127.0.0.1", on));
  }

  private static CheckFailure failureOf(MemcachedCheck check, Duration run) throws Exception {
    Throwable error = OnContext.failure(vertx, () -> check.ping(CheckRuns.context(check, run)));
    assertThat(error).isInstanceOf(CheckFailure.class);
    return (CheckFailure) error;
  }

  private static NetServer answering(String reply) throws Exception {
    return vertx.createNetServer().connectHandler(socket -> socket.handler(bytes -> socket.write(reply)))
      .listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS);
  }

  @Test
  void upAgainstARealMemcachedAndNothingLeftOpen() throws Exception {
    try (TcpProxy proxy = TcpProxy.start(vertx, "127.0.0.1", port)) {
      MemcachedCheck check = check(proxy.port());
      assertThat(check.target()).isEqualTo("memcached://127.0.0.1:" + proxy.port());
      OnContext.await(vertx, () -> check.ping(CheckRuns.context(check, RUN)));
      OnContext.await(vertx, () -> check.ping(CheckRuns.context(check, RUN)));
      Exec.await("no socket left", Duration.ofSeconds(3), () -> proxy.openConnections() == 0, () -> "open: " + proxy.openConnections());
    }
  }

  @Test
  void errorRepliesAreDownWithTheirCodeOnly() throws Exception {
    NetServer error = answering("ERROR\r\n");
    NetServer serverError = answering("SERVER_ERROR out of memory on db-7.internal\r\n");
    NetServer garbage = answering("HTTP/1.1 400 Bad Request\r\n");
    try {
      assertThat(failureOf(check(error.actualPort()), RUN).reason()).isEqualTo("server answered ERROR");
      assertThat(failureOf(check(serverError.actualPort()), RUN).reason()).isEqualTo("server answered SERVER_ERROR");
      assertThat(failureOf(check(garbage.actualPort()), RUN).reason()).isEqualTo("unexpected reply");
    } finally {
      error.close();
      serverError.close();
      garbage.close();
    }
  }

  @Test
  void throughProxyRefusedHungResetThenRecovers() throws Exception {
    try (TcpProxy proxy = TcpProxy.start(vertx, "127.0.0.1", port)) {
      MemcachedCheck check = check(proxy.port());
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

      proxy.set(TcpProxy.Mode.FORWARD);
      OnContext.await(vertx, () -> check.ping(CheckRuns.context(check, RUN)));
    }
  }
}
