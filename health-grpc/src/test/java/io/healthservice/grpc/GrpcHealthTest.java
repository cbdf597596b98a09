package io.healthservice.grpc;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.healthservice.CheckSettings;
import io.healthservice.HealthChecker;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.grpc.health.v1.HealthListRequest;
import io.vertx.grpc.health.v1.HealthListResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The protocol as grpc-java's own {@link HealthGrpc} client sees it, over h2c on a Vert.x HTTP server that
 * also answers HTTP/1.1, with a real monitor whose checks the test switches up and down.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GrpcHealthTest {

  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final int MAX_WATCH = 3;

  private final SwitchCheck database = new SwitchCheck("database");
  private final SwitchCheck openai = new SwitchCheck("openai");
  private Vertx vertx;
  private HealthChecker checker;
  private GrpcHealth grpc;
  private HttpServer server;
  private ManagedChannel channel;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    CheckSettings fast = CheckSettings.of(true, Duration.ofMillis(50), Duration.ofMillis(500));
    CheckSettings fastOptional = CheckSettings.of(false, Duration.ofMillis(50), Duration.ofMillis(500));
    checker = HealthChecker.builder(vertx, "grpc-test", "1")
      .check(database, fast)
      .group("llm_services", fastOptional, List.of(openai))
      .build();
    grpc = GrpcHealth.create(vertx, checker, MAX_WATCH);
    server = vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(true))
      .requestHandler(grpc.beside(request -> request.response().end("plain http")));
    server.listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    vertx.getOrCreateContext().runOnContext(v -> checker.start());
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.actualPort()).usePlaintext().build();
    // The first call also connects and loads both sides' gRPC classes: seconds on a loaded machine.
    awaitCheck("", ServingStatus.SERVING, Duration.ofSeconds(30));
  }

  @AfterEach
  void stop() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    vertx.runOnContext(v -> checker.stop());
    server.close().await(5, TimeUnit.SECONDS);
  }

  /** A Kubernetes gRPC probe: plaintext, Check only, 1 s deadline. */
  private ServingStatus probe(String service) {
    return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(1, TimeUnit.SECONDS)
      .check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus();
  }

  private void awaitCheck(String service, ServingStatus expected) throws InterruptedException {
    awaitCheck(service, expected, WAIT);
  }

  private void awaitCheck(String service, ServingStatus expected, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Object last;
    while ((last = probeOrError(service)) != expected) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(service + " stayed " + last + ", expected " + expected);
      }
      Thread.sleep(20);
    }
  }

  private Object probeOrError(String service) {
    try {
      return probe(service);
    } catch (StatusRuntimeException e) {
      return e.getStatus();
    }
  }

  private void awaitOpenStreams(int expected) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (grpc.openWatchStreams() != expected) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("open Watch streams: " + grpc.openWatchStreams() + ", expected " + expected);
      }
      Thread.sleep(10);
    }
  }

  @Test
  void checkAnswersEveryNameAndNotFoundForAnUnknownOne() {
    for (String name : List.of("", "readiness", "liveness", "startup", "database", "llm_services", "openai")) {
      assertThat(probe(name)).as(name).isEqualTo(ServingStatus.SERVING);
    }
    assertThatThrownBy(() -> probe("postgres"))
      .isInstanceOfSatisfying(StatusRuntimeException.class,
        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
  }

  @Test
  void theSamePortStillSpeaksHttp1() throws Exception {
    HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
      .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + "/health")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.body()).isEqualTo("plain http");
  }

  @Test
  void aCriticalDependencyDownTakesTheEmptyNameDownANonCriticalOneOnlyItsOwn() throws Exception {
    openai.set(false);
    awaitCheck("openai", ServingStatus.NOT_SERVING);
    assertThat(probe("llm_services")).isEqualTo(ServingStatus.NOT_SERVING);
    assertThat(probe("")).isEqualTo(ServingStatus.SERVING);
    assertThat(probe("readiness")).isEqualTo(ServingStatus.SERVING);

    database.set(false);
    awaitCheck("database", ServingStatus.NOT_SERVING);
    assertThat(probe("")).isEqualTo(ServingStatus.NOT_SERVING);
    assertThat(probe("readiness")).isEqualTo(ServingStatus.NOT_SERVING);
    assertThat(probe("liveness")).isEqualTo(ServingStatus.SERVING);
    assertThat(probe("startup")).isEqualTo(ServingStatus.SERVING);
  }

  @Test
  void watchSendsTheStatusAtOnceThenOnlyChanges() throws Exception {
    Watcher watcher = Watcher.start(HealthGrpc.newStub(channel), "");
    assertThat(watcher.next(WAIT)).isEqualTo(ServingStatus.SERVING);
    // The checks run every 50 ms: a periodic resend would show up here.
    assertThat(watcher.next(Duration.ofMillis(500))).as("no resend without a change").isNull();

    database.set(false);
    assertThat(watcher.next(WAIT)).isEqualTo(ServingStatus.NOT_SERVING);
    assertThat(watcher.next(Duration.ofMillis(300))).isNull();
    database.set(true);
    assertThat(watcher.next(WAIT)).isEqualTo(ServingStatus.SERVING);
    assertThat(watcher.ended).isNotDone();
  }

  @Test
  void watchOfAnUnknownNameSaysServiceUnknownAndStaysOpen() throws Exception {
    Watcher watcher = Watcher.start(HealthGrpc.newStub(channel), "postgres");
    assertThat(watcher.next(WAIT)).isEqualTo(ServingStatus.SERVICE_UNKNOWN);
    Thread.sleep(300);
    assertThat(watcher.ended).as("stream kept open").isNotDone();
    assertThat(grpc.openWatchStreams()).isEqualTo(1);
  }

  @Test
  void watchStreamsAreCappedAndEveryWayOfEndingFreesTheSlot() throws Exception {
    HealthGrpc.HealthStub stub = HealthGrpc.newStub(channel);
    List<Watcher> open = new ArrayList<>();
    for (int i = 0; i < MAX_WATCH; i++) {
      Watcher watcher = Watcher.start(stub, "database");
      assertThat(watcher.next(WAIT)).isEqualTo(ServingStatus.SERVING);
      open.add(watcher);
    }
    Watcher refused = Watcher.start(stub, "database");
    assertThat(refused.awaitEnd(WAIT)).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(probe("")).as("Check is not capped").isEqualTo(ServingStatus.SERVING);

    open.get(0).cancel(); // RST_STREAM from the client
    awaitOpenStreams(MAX_WATCH - 1);

    Watcher withDeadline = Watcher.start(stub.withDeadlineAfter(1, TimeUnit.SECONDS), "database");
    assertThat(withDeadline.next(WAIT)).isEqualTo(ServingStatus.SERVING);
    assertThat(withDeadline.awaitEnd(WAIT)).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    awaitOpenStreams(MAX_WATCH - 1);

    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS); // the connection goes away
    awaitOpenStreams(0);
  }

  @Test
  void drainingSaysNotServingThenClosesEveryStream() throws Exception {
    Watcher readiness = Watcher.start(HealthGrpc.newStub(channel), "");
    Watcher database = Watcher.start(HealthGrpc.newStub(channel), "database");
    assertThat(readiness.next(WAIT)).isEqualTo(ServingStatus.SERVING);
    assertThat(database.next(WAIT)).isEqualTo(ServingStatus.SERVING);

    checker.startDraining();

    assertThat(readiness.next(WAIT)).isEqualTo(ServingStatus.NOT_SERVING);
    assertThat(readiness.awaitEnd(WAIT)).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(database.awaitEnd(WAIT)).isEqualTo(Status.Code.UNAVAILABLE);
    awaitOpenStreams(0);
    assertThat(probe("")).isEqualTo(ServingStatus.NOT_SERVING);
    assertThat(probe("liveness")).isEqualTo(ServingStatus.SERVING);
    assertThat(Watcher.start(HealthGrpc.newStub(channel), "").awaitEnd(WAIT)).isEqualTo(Status.Code.UNAVAILABLE);
  }

  @Test
  void listGivesEveryNameWithItsStatus() {
    // grpc-java 1.68 has no List stub: the same client library with Vert.x's generated List messages.
    MethodDescriptor<HealthListRequest, HealthListResponse> list = MethodDescriptor.<HealthListRequest, HealthListResponse>newBuilder()
      .setType(MethodDescriptor.MethodType.UNARY)
      .setFullMethodName("grpc.health.v1.Health/List")
      .setRequestMarshaller(ProtoUtils.marshaller(HealthListRequest.getDefaultInstance()))
      .setResponseMarshaller(ProtoUtils.marshaller(HealthListResponse.getDefaultInstance()))
      .build();
    openai.set(false);
    HealthListResponse response;
    long deadline = System.nanoTime() + WAIT.toNanos();
    do {
      response = ClientCalls.blockingUnaryCall(channel, list, CallOptions.DEFAULT.withDeadlineAfter(1, TimeUnit.SECONDS),
        HealthListRequest.getDefaultInstance());
    } while (response.getStatusesOrThrow("openai").getStatusValue() == ServingStatus.SERVING_VALUE
      && System.nanoTime() < deadline);
    assertThat(response.getStatusesMap().keySet())
      .containsExactlyInAnyOrder("", "liveness", "readiness", "startup", "database", "llm_services", "openai");
    assertThat(response.getStatusesOrThrow("").getStatusValue()).isEqualTo(ServingStatus.SERVING_VALUE);
    assertThat(response.getStatusesOrThrow("openai").getStatusValue()).isEqualTo(ServingStatus.NOT_SERVING_VALUE);
  }

  @Test
  void theJsonFlavourIsRefusedNotCrashed() throws Exception {
    // Its codec needs protobuf-java-util/Gson/Guava, which the module leaves out: refused with 415.
    io.vertx.core.http.HttpClient h2c = vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions()
      .setProtocolVersion(io.vertx.core.http.HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false));
    int status = h2c.request(io.vertx.core.http.HttpMethod.POST, server.actualPort(), "127.0.0.1",
        "/grpc.health.v1.Health/Check")
      .compose(request -> request.putHeader("content-type", "application/grpc+json").send())
      .map(io.vertx.core.http.HttpClientResponse::statusCode)
      .await(10, TimeUnit.SECONDS);
    assertThat(status).isEqualTo(415);
    assertThat(probe("")).as("and nothing else broke").isEqualTo(ServingStatus.SERVING);
  }

  @Test
  void anotherMethodIsUnimplemented() {
    MethodDescriptor<HealthCheckRequest, io.grpc.health.v1.HealthCheckResponse> other =
      HealthGrpc.getCheckMethod().toBuilder().setFullMethodName("grpc.health.v1.Health/Nope").build();
    assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(channel, other,
      CallOptions.DEFAULT.withDeadlineAfter(1, TimeUnit.SECONDS), HealthCheckRequest.getDefaultInstance()))
      .isInstanceOfSatisfying(StatusRuntimeException.class,
        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED));
  }
}
