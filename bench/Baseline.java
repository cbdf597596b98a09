import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * The limit this machine allows: a plain Vert.x HTTP server answering a fixed JSON body of the size of
 * /health's, no routing, no I/O. One server per event loop, like the service.
 * Run: java -cp health-service/target/health-service.jar bench/Baseline.java PORT BODY_BYTES
 */
public class Baseline {
  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    int size = Integer.parseInt(args[1]);
    String prefix = "{\"status\":\"ok\",\"padding\":\"";
    String body = prefix + "x".repeat(Math.max(0, size - prefix.length() - 2)) + "\"}";
    Buffer bytes = Buffer.buffer(body);
    Vertx vertx = Vertx.vertx();
    int instances = Runtime.getRuntime().availableProcessors();
    for (int i = 0; i < instances; i++) {
      vertx.createHttpServer().requestHandler(req -> req.response()
          .putHeader("content-type", "application/json")
          .putHeader("cache-control", "no-store")
          .end(bytes))
        .listen(port, "127.0.0.1");
    }
  }
}
