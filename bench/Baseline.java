import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The limit this machine allows: a plain Vert.x HTTP server answering a fixed JSON body of the size of
 * /health's, no routing, no I/O. One server and one event loop per core, like the service, and header
 * values pre-encoded as a careful server writes them, so the baseline is the fastest plain server, not a
 * handicapped one. Scripts compile it first: run as a source file, javac would share the measured JVM.
 * <p>An optional third argument adds behaviours the service keeps on its probe path, to measure what each
 * costs a bare server (bench/behaviour-costs.sh): {@code idle} (the idle timeout that drops idle and
 * half-open connections, 30 s as the service's default), {@code h2c} (gRPC on the HTTP port: cleartext
 * HTTP/2 detection and the upgrade check), {@code vary} ({@code Vary: Accept}); {@code plain} adds none.
 * Run: javac -cp health-service/target/health-service.jar -d DIR bench/Baseline.java
 *      java -cp health-service/target/health-service.jar:DIR Baseline PORT BODY_BYTES [idle,h2c,vary]
 */
public class Baseline {
  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    int size = Integer.parseInt(args[1]);
    List<String> with = List.of(args.length > 2 ? args[2].split(",") : new String[0]);
    String prefix = "{\"status\":\"ok\",\"padding\":\"";
    String body = prefix + "x".repeat(Math.max(0, size - prefix.length() - 2)) + "\"}";
    Buffer bytes = Buffer.buffer(body);
    CharSequence json = HttpHeaders.createOptimized("application/json");
    CharSequence noStore = HttpHeaders.createOptimized("no-store");
    CharSequence accept = HttpHeaders.createOptimized("Accept");
    HttpServerOptions options = new HttpServerOptions().setHttp2ClearTextEnabled(with.contains("h2c"));
    if (with.contains("idle")) {
      options.setIdleTimeout(30_000).setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
    }
    boolean vary = with.contains("vary");
    int instances = Runtime.getRuntime().availableProcessors();
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(instances));
    for (int i = 0; i < instances; i++) {
      vertx.createHttpServer(options).requestHandler(req -> {
        HttpServerResponse response = req.response();
        if (vary) {
          response.putHeader(HttpHeaders.VARY, accept);
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, json).putHeader(HttpHeaders.CACHE_CONTROL, noStore).end(bytes);
      }).listen(port, "127.0.0.1");
    }
  }
}
