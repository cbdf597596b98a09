package io.healthservice.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Alertmanager's webhook receiver: records every notification's JSON body and the time it arrived. */
public final class AlertReceiver implements AutoCloseable {

  /** One notification, as Alertmanager posted it. */
  public record Received(long nanos, JsonObject body) {
    public String status() {
      return body.getString("status");
    }
  }

  private final HttpServer server;
  private final List<Received> received = new ArrayList<>();

  private AlertReceiver(HttpServer server) {
    this.server = server;
  }

  public static AlertReceiver start(Vertx vertx) throws Exception {
    AlertReceiver[] self = new AlertReceiver[1];
    HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onComplete(ar -> {
      if (ar.succeeded()) {
        self[0].add(new Received(System.nanoTime(), ar.result().toJsonObject()));
      }
      request.response().setStatusCode(200).end();
    }));
    self[0] = new AlertReceiver(server);
    server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return self[0];
  }

  private synchronized void add(Received r) {
    received.add(r);
  }

  public String url() {
    return "http://127.0.0.1:" + server.actualPort() + "/hook";
  }

  public synchronized List<Received> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() throws Exception {
    server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
