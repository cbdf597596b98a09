import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.ConnectOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The plain baseline of the check path for bench/checks-scale.sh (issue 32): a bare Vert.x client doing
 * the I/O a check run does, N times per interval, with no monitor, no state, no metrics. Also the
 * servers the checks and the baseline talk to ({@code serve}), in a JVM of their own.
 * <ul>
 *   <li>{@code tcp N INTERVAL_MS host:port}: a connect and a close per run, one shared {@code NetClient}
 *       (what {@code TcpCheck} does, minus its per-check client).</li>
 *   <li>{@code http N INTERVAL_MS URL}: a GET of the URL per run, the body read and discarded, on a kept
 *       connection: one shared {@code HttpClient}, and a connection of its own per timer ({@code connect}), kept until
 *       the server closes it, as each http check keeps one.</li>
 *   <li>{@code postgres N INTERVAL_MS URL}: {@code SELECT 1} (simple query protocol) on a connection held
 *       between runs, one per timer, replaced every sixth run as the check's pool replaces its connection every 60 s
 *       ({@code max_connection_age}, its default; {@code -Dscale.pgRunsPerConnection} to change).</li>
 *   <li>{@code serve TCP_PORT HTTP_PORT}: a listener that accepts and lets the client close, and an HTTP
 *       server answering {@code 200 ok} to anything.</li>
 *   <li>{@code tcp|http|postgres N INTERVAL_MS TARGET PORT FILE [READY_FILE]}: also serves FILE as {@code serve-body}
 *       does (READY_FILE on {@code /health/ready}), in the same process as the runs: the floor of a probe answered while
 *       the checks' I/O runs.</li>
 *   <li>{@code serve-body PORT FILE}: the floor of a probe whose body is large: a bare Vert.x server, one instance per
 *       core as the service's, answering any request with the bytes of FILE (the service's {@code /health/ready}
 *       body with N checks), pre-encoded, as {@code application/json}.</li>
 * </ul>
 * The N timers are spread evenly over the interval (timer i first fires at i × interval / N) and all run
 * on one event loop (the service runs its checks on one loop too), in a Vert.x with as many loops as the
 * service's (cores + 1). A run still in flight when its timer fires again is skipped, never overlapped.
 * Every second it prints {@code runs <epoch ms> <ok> <failed>}; the script reads the rate from those lines.
 * Run: javac -cp health-service/target/health-service.jar -d DIR bench/ScaleBaseline.java
 *      java @opts -cp health-service/target/health-service.jar:DIR ScaleBaseline MODE ...
 */
public class ScaleBaseline {

  private static long ok;
  private static long failed;

  public static void main(String[] args) {
    String mode = args[0];
    int loops = Runtime.getRuntime().availableProcessors() + 1;
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
    if (mode.equals("serve")) {
      serve(vertx, Integer.parseInt(args[1]), Integer.parseInt(args[2]));
      return;
    }
    if (mode.equals("serve-body")) {
      serveBody(vertx, Integer.parseInt(args[1]), args[2], args[2]);
      return;
    }
    int n = Integer.parseInt(args[1]);
    long intervalMs = Long.parseLong(args[2]);
    String target = args[3];
    if (args.length > 5) {
      // The floor of a probe while the checks' I/O runs: a bare server in the same process as the bare client.
      serveBody(vertx, Integer.parseInt(args[4]), args[5], args.length > 6 ? args[6] : args[5]);
    }
    Context context = vertx.getOrCreateContext();
    context.runOnContext(v -> {
      List<Runnable> runs = switch (mode) {
        case "tcp" -> tcp(vertx, n, target);
        case "http" -> http(vertx, n, target);
        case "postgres" -> postgres(vertx, n, target);
        default -> throw new IllegalArgumentException("mode: tcp, http, postgres or serve, got " + mode);
      };
      Future<Void> setUp = mode.equals("postgres") ? connected : Future.succeededFuture();
      setUp.onComplete(ar -> {
        if (ar.failed()) {
          System.out.println("setup failed: " + ar.cause());
          System.exit(1);
        }
        for (int i = 0; i < n; i++) {
          Runnable run = runs.get(i);
          vertx.setPeriodic(1 + i * intervalMs / n, intervalMs, id -> run.run());
        }
        vertx.setPeriodic(1000, id -> System.out.println("runs " + System.currentTimeMillis() + " " + ok + " " + failed));
        System.out.println("ready " + n + " " + mode);
      });
    });
  }

  private static Future<Void> connected = Future.succeededFuture();

  /** Wraps one timer's run: skipped while the previous one is in flight; counted when it ends. */
  private static Runnable guarded(java.util.function.Supplier<Future<?>> io) {
    boolean[] inFlight = {false};
    return () -> {
      if (inFlight[0]) {
        return;
      }
      inFlight[0] = true;
      io.get().onComplete(ar -> {
        inFlight[0] = false;
        if (ar.succeeded()) {
          ok++;
        } else {
          failed++;
        }
      });
    };
  }

  private static List<Runnable> tcp(Vertx vertx, int n, String hostPort) {
    NetClient client = vertx.createNetClient(new NetClientOptions());
    String host = hostPort.substring(0, hostPort.lastIndexOf(':'));
    int port = Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    List<Runnable> runs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      runs.add(guarded(() -> client.connect(new ConnectOptions().setHost(host).setPort(port).setTimeout(2000))
        .compose(socket -> socket.close())));
    }
    return runs;
  }

  private static List<Runnable> http(Vertx vertx, int n, String url) {
    URI uri = URI.create(url);
    RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setHost(uri.getHost())
      .setPort(uri.getPort()).setURI(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
      .putHeader("User-Agent", "health-check").setIdleTimeout(2000);
    HttpConnectOptions connect = new HttpConnectOptions().setHost(uri.getHost()).setPort(uri.getPort())
      .setConnectTimeout(2000);
    HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions());
    List<Runnable> runs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Future<HttpClientConnection>[] held = new Future[1];
      runs.add(guarded(() -> {
        if (held[0] == null || held[0].failed()) {
          Future<HttpClientConnection> opening = client.connect(connect);
          held[0] = opening;
          opening.onSuccess(c -> c.closeHandler(v -> held[0] = null));
        }
        return held[0].compose(c -> c.request(request))
          .compose(req -> req.send())
          .compose(response -> response.body().map(Buffer::length));
      }));
    }
    return runs;
  }

  /** A connection serves this many runs, then is replaced: {@code max_connection_age} 60 s over a 10 s interval. */
  private static final int RUNS_PER_CONNECTION = Integer.getInteger("scale.pgRunsPerConnection", 6);

  private static List<Runnable> postgres(Vertx vertx, int n, String url) {
    PgConnectOptions options = PgConnectOptions.fromUri(url);
    List<PgConnection> connections = new ArrayList<>(n);
    List<Runnable> runs = new ArrayList<>(n);
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < n; i++) {
      int index = i;
      // One connection at a time: a thousand at once would be a burst of backend forks.
      chain = chain.compose(v -> PgConnection.connect(vertx, options).map(c -> {
        connections.add(c);
        return null;
      }));
      int[] age = {0};
      runs.add(guarded(() -> {
        // As the check's max_connection_age (60 s, its default): every sixth run of 10 s replaces the connection.
        if (++age[0] % RUNS_PER_CONNECTION == 0) {
          PgConnection old = connections.get(index);
          return PgConnection.connect(vertx, options).compose(fresh -> {
            connections.set(index, fresh);
            old.close();
            return fresh.query("SELECT 1").execute();
          });
        }
        return connections.get(index).query("SELECT 1").execute();
      }));
    }
    connected = chain;
    return runs;
  }

  /** {@code readyFile} answers {@code /health/ready}, {@code file} any other path. */
  private static void serveBody(Vertx vertx, int port, String file, String readyFile) {
    Buffer body = vertx.fileSystem().readFileBlocking(file);
    Buffer ready = vertx.fileSystem().readFileBlocking(readyFile);
    int instances = Runtime.getRuntime().availableProcessors();
    vertx.deployVerticle(() -> new io.vertx.core.VerticleBase() {
      @Override
      public Future<?> start() {
        return vertx.createHttpServer(new HttpServerOptions().setAcceptBacklog(8192))
          .requestHandler(req -> req.response().putHeader("Content-Type", "application/json")
            .end(req.path().equals("/health/ready") ? ready : body))
          .listen(port, "127.0.0.1");
      }
    }, new io.vertx.core.DeploymentOptions().setInstances(instances)).await();
    System.out.println("serving " + body.length() + " bytes on " + port);
  }

  private static void serve(Vertx vertx, int tcpPort, int httpPort) {
    Buffer ok = Buffer.buffer("ok");
    vertx.createNetServer(new NetServerOptions().setAcceptBacklog(8192)).connectHandler(socket -> { })
      .listen(tcpPort, "127.0.0.1").await();
    vertx.createHttpServer(new HttpServerOptions().setAcceptBacklog(8192))
      .requestHandler(req -> req.response().putHeader("Content-Type", "text/plain").end(ok))
      .listen(httpPort, "127.0.0.1").await();
    System.out.println("serving tcp " + tcpPort + " http " + httpPort);
  }
}
