import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * bench/Baseline.java plus one or more of the behaviours the service keeps on its probe path, to measure
 * what each costs a bare server: {@code idle} (the idle timeout that drops idle and half-open connections,
 * 30 s as the service's default), {@code h2c} (gRPC on the HTTP port: cleartext HTTP/2 detection and the
 * upgrade check), {@code vary} (the {@code Vary: Accept} header of negotiated answers), {@code plain} (none).
 * Run: java -cp health-service/target/health-service.jar:DIR BaselineWith PORT BODY_BYTES idle,h2c,vary
 */
public class BaselineWith {
  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    int size = Integer.parseInt(args[1]);
    List<String> with = List.of(args[2].split(","));
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
