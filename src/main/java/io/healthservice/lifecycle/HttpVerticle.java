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
  private final ConnectionGuard guard;
  private HttpServer server;

  HttpVerticle(HealthRoutes routes, HttpServerOptions options, EventLoopWatch watch, ConnectionGuard guard,
               int index) {
    this.guard = guard;
    this.routes = routes;
    this.options = options;
    this.watch = watch;
    this.watchName = "http-" + index;
  }

  @Override
  public Future<?> start() {
    watch.watchCurrentLoop(vertx, watchName);
    io.vertx.ext.web.Router router = routes.router(vertx);
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
    watch.unwatch(watchName);
    return server == null ? Future.succeededFuture() : server.close();
  }
}
