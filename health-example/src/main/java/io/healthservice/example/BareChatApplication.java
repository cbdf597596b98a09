package io.healthservice.example;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * The chat application without the health library, for {@code bench/footprint.sh}: the same router and
 * server, and a {@code /health/ready} that always answers 200 (what an application without checks
 * serves). The difference against {@link ChatApplication} is what embedding health-core costs.
 * Run with a class path that leaves health-core out: {@code java -cp ... BareChatApplication [port]}.
 */
public final class BareChatApplication extends VerticleBase {

  private final int port;

  BareChatApplication(int port) {
    this.port = port;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get("/api/rooms").handler(ctx -> ctx.json(new JsonArray().add("general").add("random")));
    router.get("/health/ready").handler(ctx -> ctx.json(new JsonObject().put("status", "ok")));
    return vertx.createHttpServer().requestHandler(router).listen(port);
  }

  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
    Vertx.vertx().deployVerticle(new BareChatApplication(port))
      .onSuccess(id -> System.out.println("bare chat application on http://localhost:" + port + "/api/rooms"))
      .onFailure(Throwable::printStackTrace);
  }
}
