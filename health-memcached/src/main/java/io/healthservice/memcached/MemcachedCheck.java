package io.healthservice.memcached;

import io.healthservice.CheckContext;
import io.healthservice.CheckFailure;
import io.healthservice.DependencyCheck;
import io.healthservice.FailureKind;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.parsetools.RecordParser;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A memcached server on a connection of each run: {@code version}, answered by {@code VERSION <v>}. An
 * {@code ERROR}, {@code CLIENT_ERROR} or {@code SERVER_ERROR} is down with that code (never the server's text).
 */
public final class MemcachedCheck implements DependencyCheck {

  private static final int MAX_LINE = 4096;

  private final Vertx vertx;
  private final String name;
  private final MemcachedTarget target;

  public MemcachedCheck(Vertx vertx, String name, MemcachedTarget target) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.name = Objects.requireNonNull(name, "name");
    this.target = Objects.requireNonNull(target, "target");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String target() {
    return target.url();
  }

  @Override
  public String componentType() {
    return "datastore";
  }

  @Override
  public Future<Void> ping(CheckContext context) {
    NetClient client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(context.clientLimitMillis()));
    Promise<Void> run = Promise.promise();
    // A run the monitor gave up on (a hung server) closes its socket and client here.
    context.ended().onFailure(e -> client.close());
    client.connect(target.port(), target.host())
      .onFailure(e -> run.tryFail(CheckFailure.of(e)))
      .onSuccess(socket -> {
        socket.handler(RecordParser.newDelimited("\r\n", line -> settle(run, judge(line.toString(StandardCharsets.UTF_8))))
          .maxRecordSize(MAX_LINE)
          .exceptionHandler(e -> run.tryFail(new CheckFailure(FailureKind.ERROR, "unexpected reply"))));
        socket.exceptionHandler(e -> run.tryFail(CheckFailure.of(e)));
        socket.closeHandler(v -> run.tryFail(new CheckFailure(FailureKind.REFUSED, "connection closed by the server")));
        socket.write("version\r\n");
      });
    return run.future().eventually(client::close);
  }

  private static void settle(Promise<Void> run, io.vertx.core.AsyncResult<Void> verdict) {
    if (verdict.succeeded()) {
      run.tryComplete();
    } else {
      run.tryFail(verdict.cause());
    }
  }

  /** The reply to {@code version}. */
  static io.vertx.core.AsyncResult<Void> judge(String line) {
    if (line.startsWith("VERSION ")) {
      return Future.succeededFuture();
    }
    String code = line.startsWith("SERVER_ERROR") ? "SERVER_ERROR" : line.startsWith("CLIENT_ERROR") ? "CLIENT_ERROR"
      : line.equals("ERROR") ? "ERROR" : null;
    return Future.failedFuture(new CheckFailure(FailureKind.ERROR, code == null ? "unexpected reply" : "server answered " + code));
  }
}
