package io.healthservice.checks;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.healthservice.support.RunningService;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.grpc.health.v1.HealthListRequest;
import io.vertx.grpc.health.v1.HealthListResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing lost at 10,000 checks (issue 32, item 5), end to end: the service from its configuration with 10,000 tcp
 * checks against listeners of this test's own, the first 500 on one the test closes, the first of those critical.
 * Ready does not wait for the 9,999 non-critical first runs; then every view says what it says with a few checks:
 * the verdict, {@code ?exclude}, {@code /health/{name}}, gRPC {@code List} with every name, and the Alertmanager
 * channel's posts (a local server speaking its API) with one firing alert per check down and none for the others.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class TenThousandChecksTest {

  private static final int CHECKS = 10_000;
  private static final int DOOMED = 500;
  private static final Duration WAIT = Duration.ofSeconds(60);

  private RunningService service;
  private ManagedChannel channel;

  @AfterEach
  void stop() throws Exception {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (service != null) {
      service.close();
    }
  }

  private static String name(int i) {
    return String.format("c%05d", i);
  }

  @Test
  void everyViewStaysRightAtTenThousandChecks(Vertx vertx) throws Exception {
    NetServer up = vertx.createNetServer().connectHandler(socket -> { }).listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS);
    NetServer doomed = vertx.createNetServer().connectHandler(socket -> { }).listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS);
    Set<String> firing = new ConcurrentSkipListSet<>();
    HttpServer alertmanager = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      if (request.path().equals("/api/v2/alerts")) {
        body.toJsonArray().stream().map(JsonObject.class::cast).filter(alert -> !alert.containsKey("endsAt"))
          .forEach(alert -> firing.add(alert.getJsonObject("labels").getString("check")));
      }
      request.response().setStatusCode(200).end();
    })).listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS);

    JsonObject checks = new JsonObject()
      .put("database", new JsonObject().put("enabled", false))
      .put("redis", new JsonObject().put("enabled", false));
    for (int i = 1; i <= CHECKS; i++) {
      int port = i <= DOOMED ? doomed.actualPort() : up.actualPort();
      checks.put(name(i), new JsonObject().put("type", "tcp").put("url", "tcp://127.0.0.1:" + port)
        .put("interval", "10s").put("timeout", "2s").put("critical", i == 1));
    }
    JsonObject config = new JsonObject().put("checks", checks)
      .put("notifications", new JsonObject().put("alertmanager", new JsonObject()
        .put("urls", new JsonArray().add("http://127.0.0.1:" + alertmanager.actualPort()))
        .put("instance", "replica-a")));
    service = RunningService.start(config, Map.of());

    // Ready once the critical check has run; the others come within their first interval.
    service.await("/health/ready", p -> p.status() == 200, WAIT, 5_000);
    service.await("/health", p -> p.json().getJsonObject("dependencies").size() == CHECKS, WAIT, 5_000);

    doomed.close().await(5, TimeUnit.SECONDS);
    RunningService.Probe health = service.await("/health", p -> notOk(p.json()).size() == DOOMED, WAIT, 5_000);
    assertThat(health.status()).isEqualTo(503);
    assertThat(notOk(health.json())).isEqualTo(IntStream.rangeClosed(1, DOOMED).mapToObj(TenThousandChecksTest::name)
      .collect(Collectors.toCollection(TreeSet::new)));
    assertThat(health.dependency(name(1))).isEqualTo("error");
    assertThat(health.dependency(name(2))).isEqualTo("degraded");
    assertThat(health.dependency(name(CHECKS))).isEqualTo("ok");
    assertThat(service.get("/health/ready").status()).isEqualTo(503);
    assertThat(service.get("/health/" + name(1)).status()).isEqualTo(503);
    assertThat(service.get("/health/" + name(2)).status()).as("non-critical and down").isEqualTo(200);
    RunningService.Probe excluded = service.get("/health?exclude=" + name(1));
    assertThat(excluded.status()).isEqualTo(200);
    assertThat(excluded.json().getString("status")).isEqualTo("degraded");

    channel = ManagedChannelBuilder.forAddress("127.0.0.1", service.port()).usePlaintext().build();
    HealthListResponse list = ClientCalls.blockingUnaryCall(channel, LIST,
      CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), HealthListRequest.getDefaultInstance());
    assertThat(list.getStatusesMap()).hasSize(CHECKS + 4); // "", liveness, readiness, startup
    assertThat(list.getStatusesOrThrow("").getStatusValue()).isEqualTo(ServingStatus.NOT_SERVING_VALUE);
    assertThat(list.getStatusesOrThrow(name(DOOMED)).getStatusValue()).isEqualTo(ServingStatus.NOT_SERVING_VALUE);
    assertThat(list.getStatusesOrThrow(name(DOOMED + 1)).getStatusValue()).isEqualTo(ServingStatus.SERVING_VALUE);

    // Alertmanager hears of every check down, once each, and of no other.
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (firing.size() < DOOMED && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(firing).isEqualTo(notOk(health.json()));
  }

  /** The {@code dependencies} entries that are not {@code ok}. */
  private static Set<String> notOk(JsonObject health) {
    JsonObject dependencies = health.getJsonObject("dependencies");
    return dependencies.fieldNames().stream().filter(name -> !"ok".equals(dependencies.getString(name)))
      .collect(Collectors.toCollection(TreeSet::new));
  }

  // grpc-java has no List stub: the same client library with Vert.x's generated List messages.
  private static final MethodDescriptor<HealthListRequest, HealthListResponse> LIST =
    MethodDescriptor.<HealthListRequest, HealthListResponse>newBuilder()
      .setType(MethodDescriptor.MethodType.UNARY)
      .setFullMethodName("grpc.health.v1.Health/List")
      .setRequestMarshaller(ProtoUtils.marshaller(HealthListRequest.getDefaultInstance()))
      .setResponseMarshaller(ProtoUtils.marshaller(HealthListResponse.getDefaultInstance()))
      .build();
}
