package io.healthservice.lifecycle;

import io.healthservice.HealthChecker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

import java.util.function.Function;

/** One HTTP server instance; the service deploys one per core and Vert.x spreads connections over them. */
final class HttpVerticle extends VerticleBase {

  private final Function<Vertx, Handler<HttpServerRequest>> routes;
  private final HttpServerOptions options;
  private final HealthChecker watch;
  private final String watchName;
  private final ConnectionGuard guard;
  private HttpServer server;

  HttpVerticle(Function<Vertx, Handler<HttpServerRequest>> routes, HttpServerOptions options, HealthChecker watch, ConnectionGuard guard,
               int index) {
    this.guard = guard;
    this.routes = routes;
    this.options = options;
    this.watch = watch;
    this.watchName = "http-" + index;
  }

  @Override
  public Future<?> start() {
    watch.watchEventLoop(watchName);
    Handler<HttpServerRequest> router = routes.apply(vertx);
    server = vertx.createHttpServer(options)
      .connectionHandler(guard::accept)
      .requestHandler(request -> {
        guard.requestStarted(request.connection());
        router.handle(request);
      });
    return server.listen();
  }

  @Override
  public Future<?> stop() {
    watch.unwatchEventLoop(watchName);
    return server == null ? Future.succeededFuture() : server.close();
  }
}
