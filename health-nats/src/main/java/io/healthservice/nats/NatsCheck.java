package io.healthservice.nats;

import io.healthservice.CheckContext;
import io.healthservice.CheckFailure;
import io.healthservice.DependencyCheck;
import io.healthservice.FailureKind;
import io.healthservice.kit.BrokerUrl;
import io.healthservice.kit.Secrets;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A NATS server as a client sees it, on a connection of each run: the server's {@code INFO}, our {@code CONNECT}
 * (with the token or user and password, if any) and {@code PING}, answered by {@code PONG}. An {@code -ERR} is the
 * reason, by its protocol words ({@code authorization violation}), never the rest of the server's line.
 */
public final class NatsCheck implements DependencyCheck {

  /** A protocol line longer than this is not the server we expect. */
  private static final int MAX_LINE = 64 * 1024;

  private final Vertx vertx;
  private final String name;
  private final NatsTarget target;
  private final BrokerUrl url;

  public NatsCheck(Vertx vertx, String name, NatsTarget target) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.name = Objects.requireNonNull(name, "name");
    this.target = Objects.requireNonNull(target, "target");
    this.url = BrokerUrl.parse(target.target().url(), "nats", 4222, "tls", 4222);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String target() {
    return Secrets.maskUrl(target.target().url());
  }

  @Override
  public Future<Void> ping(CheckContext context) {
    if (url.tls()) {
      return Future.failedFuture(new CheckFailure(FailureKind.ERROR, "tls:// is not supported by the nats check yet"));
    }
    NetClient client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(context.clientLimitMillis()));
    Promise<Void> run = Promise.promise();
    // A run the monitor gave up on (a hung server) closes its socket and client here.
    context.ended().onFailure(e -> client.close());
    client.connect(url.port(), url.host())
      .onFailure(e -> run.tryFail(CheckFailure.of(e)))
      .onSuccess(socket -> new Conversation(socket, run).start());
    return run.future().eventually(client::close);
  }

  /** One run's protocol: greeting, CONNECT and PING, then PONG or an error. */
  private final class Conversation {

    private final NetSocket socket;
    private final Promise<Void> run;
    private boolean greeted;

    Conversation(NetSocket socket, Promise<Void> run) {
      this.socket = socket;
      this.run = run;
    }

    void start() {
      RecordParser lines = RecordParser.newDelimited("\r\n", line -> onLine(line.toString(StandardCharsets.UTF_8)))
        .maxRecordSize(MAX_LINE)
        .exceptionHandler(e -> run.tryFail(new CheckFailure(FailureKind.ERROR, "protocol line too long")));
      socket.handler(lines);
      socket.exceptionHandler(e -> run.tryFail(CheckFailure.of(e)));
      socket.closeHandler(v -> run.tryFail(new CheckFailure(FailureKind.REFUSED, "connection closed by the server")));
    }

    private void onLine(String line) {
      if (!greeted) {
        if (!line.startsWith("INFO ")) {
          run.tryFail(new CheckFailure(FailureKind.ERROR, "unexpected greeting (not a NATS server)"));
          return;
        }
        greeted = true;
        socket.write(connect() + "\r\nPING\r\n");
      } else if (line.equals("PONG")) {
        run.tryComplete();
      } else if (line.equals("PING")) {
        socket.write("PONG\r\n");
      } else if (line.startsWith("-ERR")) {
        run.tryFail(new CheckFailure(FailureKind.ERROR, NatsErrors.reason(line)));
      } else if (!line.equals("+OK") && !line.startsWith("INFO ")) {
        run.tryFail(new CheckFailure(FailureKind.ERROR, "unexpected reply"));
      }
    }

    private String connect() {
      JsonObject options = new JsonObject().put("verbose", false).put("pedantic", false).put("lang", "java")
        .put("version", "0.1.0").put("name", "health-service").put("protocol", 0);
      target.token().ifPresent(token -> options.put("auth_token", token));
      url.user().ifPresent(user -> options.put("user", user));
      target.target().password().or(url::password).ifPresent(password -> options.put("pass", password));
      return "CONNECT " + options.encode();
    }
  }
}
