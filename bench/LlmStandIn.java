import io.vertx.core.Vertx;

/**
 * A local stand-in for an OpenAI-compatible API: GET /v1/models answers the model list.
 * Run: java -cp health-service/target/health-service.jar bench/LlmStandIn.java PORT
 */
public class LlmStandIn {
  public static void main(String[] args) {
    String body = "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o-mini\",\"object\":\"model\",\"created\":1721172741,\"owned_by\":\"system\"}]}";
    Vertx.vertx().createHttpServer().requestHandler(req -> req.response()
        .putHeader("content-type", "application/json").end(body))
      .listen(Integer.parseInt(args[0]), "127.0.0.1");
  }
}
