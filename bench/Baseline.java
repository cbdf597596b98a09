import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;

/**
 * The limit this machine allows: a plain Vert.x HTTP server answering a fixed JSON body of the size of
 * /health's, no routing, no I/O. One server and one event loop per core, like the service, and header
 * values pre-encoded as a careful server writes them, so the baseline is the fastest plain server, not a
 * handicapped one. bench/run.sh compiles it first: run as a source file, javac would share its JVM.
 * Run: javac -cp health-service/target/health-service.jar -d DIR bench/Baseline.java
 *      java -cp health-service/target/health-service.jar:DIR Baseline PORT BODY_BYTES
 */
public class Baseline {
  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    int size = Integer.parseInt(args[1]);
    String prefix = "{\"status\":\"ok\",\"padding\":\"";
    String body = prefix + "x".repeat(Math.max(0, size - prefix.length() - 2)) + "\"}";
    Buffer bytes = Buffer.buffer(body);
    CharSequence json = HttpHeaders.createOptimized("application/json");
    CharSequence noStore = HttpHeaders.createOptimized("no-store");
    int instances = Runtime.getRuntime().availableProcessors();
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(instances));
    for (int i = 0; i < instances; i++) {
      vertx.createHttpServer().requestHandler(req -> req.response()
          .putHeader(HttpHeaders.CONTENT_TYPE, json)
          .putHeader(HttpHeaders.CACHE_CONTROL, noStore)
          .end(bytes))
        .listen(port, "127.0.0.1");
    }
  }
}
