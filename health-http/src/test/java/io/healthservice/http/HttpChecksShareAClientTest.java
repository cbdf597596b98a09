package io.healthservice.http;

import io.healthservice.support.CheckRuns;
import io.healthservice.support.Ports;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plain http checks share one client but each keeps a connection of its own: one check's hung request never holds
 * up another's run, dropping it closes its socket only, and a kept connection serves run after run.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpChecksShareAClientTest {

  private static final long BUDGET = 1000;

  private Vertx vertx;
  private HttpServer server;
  private String base;
  private final AtomicInteger open = new AtomicInteger();
  private final Set<Integer> okPorts = ConcurrentHashMap.newKeySet();

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(Ports.free()))
      .connectionHandler(connection -> {
        open.incrementAndGet();
        connection.closeHandler(v -> open.decrementAndGet());
      })
      .requestHandler(this::answer);
    server.listen().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    base = "http://127.0.0.1:" + server.actualPort();
  }

  @AfterEach
  void stop() throws Exception {
    server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private void answer(HttpServerRequest request) {
    switch (request.path()) {
      case "/hang" -> { } // never answers
      case "/close" -> request.response().putHeader("Connection", "close").end("bye");
      default -> {
        okPorts.add(request.remoteAddress().port());
        request.response().end("ok");
      }
    }
  }

  @Test
  void aHungCheckHoldsUpNoOtherAndItsDropClosesItsSocketOnly() throws Exception {
    HttpCheck hung = new HttpCheck(vertx, "hung", HttpTarget.get(base + "/hang"));
    List<HttpCheck> others = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      others.add(new HttpCheck(vertx, "ok" + i, HttpTarget.get(base + "/ok")));
    }
    try {
      CompletableFuture<Void> hanging = CheckRuns.start(vertx, hung, 60_000);
      awaitOpen(1);
      // Twenty runs on the same server at once, more than a default pool's 5 connections: none waits behind the hung one.
      List<CompletableFuture<Void>> runs = new ArrayList<>();
      for (HttpCheck other : others) {
        runs.add(CheckRuns.start(vertx, other, BUDGET));
      }
      CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(BUDGET, TimeUnit.MILLISECONDS);
      assertThat(hanging).isNotDone();
      assertThat(open.get()).isEqualTo(21);

      CheckRuns.drop(vertx, hung);
      awaitOpen(20);
      // The others' kept connections serve their next runs: no new connection.
      for (HttpCheck other : others) {
        assertThat(CheckRuns.reason(vertx, other, BUDGET)).isNull();
      }
      assertThat(okPorts).hasSize(20);
      assertThat(open.get()).isEqualTo(20);
    } finally {
      hung.close();
      others.forEach(HttpCheck::close);
    }
    awaitOpen(0);
  }

  @Test
  void aConnectionTheServerClosedIsReplacedByTheNextRun() throws Exception {
    HttpCheck check = new HttpCheck(vertx, "closing", HttpTarget.get(base + "/close"));
    try {
      for (int run = 0; run < 3; run++) {
        assertThat(CheckRuns.reason(vertx, check, BUDGET)).as("run %d", run).isNull();
        awaitOpen(0);
      }
    } finally {
      check.close();
    }
  }

  private void awaitOpen(int expected) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (open.get() != expected && System.nanoTime() < end) {
      Thread.sleep(10);
    }
    assertThat(open.get()).as("connections open at the server").isEqualTo(expected);
  }
}
