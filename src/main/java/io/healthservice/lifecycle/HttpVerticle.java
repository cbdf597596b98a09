package io.healthservice.lifecycle;

import io.healthservice.http.HealthRoutes;
import io.healthservice.monitor.EventLoopWatch;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/** One HTTP server instance; the service deploys one per core and Vert.x spreads connections over them. */
final class HttpVerticle extends VerticleBase {

  private final HealthRoutes routes;
  private final HttpServerOptions options;
  private final EventLoopWatch watch;
  private final String watchName;
  private HttpServer server;

  HttpVerticle(HealthRoutes routes, HttpServerOptions options, EventLoopWatch watch, int index) {
    this.routes = routes;
    this.options = options;
    this.watch = watch;
    this.watchName = "http-" + index;
  }

  @Override
  public Future<?> start() {
    watch.watchCurrentLoop(vertx, watchName);
    server = vertx.createHttpServer(options).requestHandler(routes.router(vertx));
    return server.listen();
  }

  @Override
  public Future<?> stop() {
    watch.unwatch(watchName);
    return server == null ? Future.succeededFuture() : server.close();
  }
}
