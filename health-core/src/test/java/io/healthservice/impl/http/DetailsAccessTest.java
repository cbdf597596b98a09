package io.healthservice.impl.http;

import io.healthservice.DetailsVisibility;
import io.healthservice.support.ProbeHttp;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The details policy over real requests: {@code granted} (the probes' rule: {@code ?verbose} and the policy)
 * and {@code visible} (pages for people: the policy alone).
 */
class DetailsAccessTest {

  private static final String TOKEN = "details-access-test-token-01";
  private static Vertx vertx;

  @BeforeAll
  static void createVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void closeVertx() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  /** A server answering "granted visible" as two booleans for {@code access}. */
  private static ProbeHttp serve(DetailsAccess access) throws Exception {
    Router router = Router.router(vertx);
    router.route("/").handler(ctx -> ctx.response().end(access.granted(ctx) + " " + access.visible(ctx)));
    int port = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS).actualPort();
    return new ProbeHttp(port);
  }

  @Test
  void alwaysShowsDetailsToPagesWithoutVerboseAndToProbesWithIt() throws Exception {
    ProbeHttp http = serve(new DetailsAccess(DetailsVisibility.ALWAYS, Optional.empty()));
    assertThat(http.get("/").body()).isEqualTo("false true");
    assertThat(http.get("/?verbose").body()).isEqualTo("true true");
  }

  @Test
  void whenAuthorizedNeedsTheBearerTokenEitherWay() throws Exception {
    ProbeHttp http = serve(new DetailsAccess(DetailsVisibility.WHEN_AUTHORIZED, Optional.of(TOKEN)));
    assertThat(http.get("/?verbose").body()).isEqualTo("false false");
    assertThat(http.get("/", "Authorization", "Bearer wrong").body()).isEqualTo("false false");
    assertThat(http.get("/", "Authorization", "Bearer " + TOKEN).body()).isEqualTo("false true");
    assertThat(http.get("/?verbose", "Authorization", "bearer " + TOKEN).body()).isEqualTo("true true");
  }

  @Test
  void neverShowsDetailsToAnyone() throws Exception {
    ProbeHttp http = serve(new DetailsAccess(DetailsVisibility.NEVER, Optional.of(TOKEN)));
    assertThat(http.get("/?verbose", "Authorization", "Bearer " + TOKEN).body()).isEqualTo("false false");
  }
}
