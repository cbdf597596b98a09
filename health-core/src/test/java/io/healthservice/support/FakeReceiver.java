package io.healthservice.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A local notification receiver speaking one wire format: a generic JSON webhook, a Slack incoming webhook
 * ({@code {"text": ...}} → 200 {@code ok}, else 400 {@code invalid_payload}) or PagerDuty's Events API v2
 * ({@code POST /v2/enqueue} → 202 {@code {"status":"success",...}}, or 400 {@code invalid event} for a wrong
 * routing key or a missing required field). The test scripts faults for the next requests: a status (429
 * with {@code Retry-After}, 500...) or a hang (the request is read and never answered).
 */
public final class FakeReceiver implements AutoCloseable {

  public enum Format { WEBHOOK, SLACK, PAGERDUTY }

  private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");

  /** One scripted answer: a status (and Retry-After), or 0 for a hang. */
  private record Fault(int status, String retryAfter) {
  }

  private final Format format;
  private final String routingKey;
  private final HttpServer server;
  private final Deque<Fault> faults = new ArrayDeque<>();
  private final List<JsonObject> accepted = new ArrayList<>();
  private final List<Long> requestNanos = new ArrayList<>();
  private final List<String> log = new ArrayList<>();

  private FakeReceiver(Vertx vertx, Format format, String routingKey) {
    this.format = format;
    this.routingKey = routingKey;
    this.server = vertx.createHttpServer().requestHandler(this::handle);
  }

  /** @param routingKey the PagerDuty routing key it accepts (ignored by the other formats) */
  public static FakeReceiver start(Vertx vertx, Format format, String routingKey) throws Exception {
    FakeReceiver receiver = new FakeReceiver(vertx, format, routingKey);
    receiver.server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    return receiver;
  }

  /** Where to post; Slack's path holds a token, as the real one does. */
  public String url() {
    String base = "http://127.0.0.1:" + server.actualPort();
    return switch (format) {
      case WEBHOOK -> base + "/hooks/health";
      case SLACK -> base + "/services/T0000/B0000/slacktokensecret000";
      case PAGERDUTY -> base + "/v2/enqueue";
    };
  }

  /** The next {@code times} requests answer {@code status} (with {@code Retry-After} when not null). */
  public synchronized FakeReceiver answer(int times, int status, String retryAfter) {
    for (int i = 0; i < times; i++) {
      faults.addLast(new Fault(status, retryAfter));
    }
    return this;
  }

  /** The next {@code times} requests are read and never answered. */
  public synchronized FakeReceiver hang(int times) {
    return answer(times, 0, null);
  }

  /** Bodies answered with success, in order. */
  public synchronized List<JsonObject> accepted() {
    return List.copyOf(accepted);
  }

  /** What each accepted message says, one word each: down, reminder, resolved (trigger/resolve for PagerDuty). */
  public synchronized List<String> events() {
    List<String> events = new ArrayList<>();
    for (JsonObject body : accepted) {
      events.add(switch (format) {
        case WEBHOOK -> body.getString("check") + " " + body.getString("event");
        case SLACK -> body.getString("text");
        case PAGERDUTY -> body.getString("dedup_key") + " " + body.getString("event_action");
      });
    }
    return events;
  }

  /** Every request and how it was answered, e.g. "429", "hang", "202". */
  public synchronized List<String> log() {
    return List.copyOf(log);
  }

  /** {@link System#nanoTime()} of each request's arrival. */
  public synchronized List<Long> requestNanos() {
    return List.copyOf(requestNanos);
  }

  private synchronized void handle(HttpServerRequest request) {
    requestNanos.add(System.nanoTime());
    Fault fault = faults.pollFirst();
    if (fault != null && fault.status() == 0) {
      log.add("hang");
      return;
    }
    request.body().onSuccess(body -> {
      synchronized (this) {
        if (fault != null) {
          log.add(String.valueOf(fault.status()));
          if (fault.retryAfter() != null) {
            request.response().putHeader("Retry-After", fault.retryAfter());
          }
          request.response().setStatusCode(fault.status()).end(fault.status() == 429 ? "rate limited" : "error");
          return;
        }
        if (!"POST".equals(request.method().name())
          || !String.valueOf(request.getHeader("Content-Type")).startsWith("application/json")) {
          log.add("400 not a JSON POST");
          request.response().setStatusCode(400).end();
          return;
        }
        JsonObject json;
        try {
          json = body.toJsonObject();
        } catch (DecodeException | ClassCastException e) {
          log.add("400 not JSON");
          request.response().setStatusCode(400).end("invalid_payload");
          return;
        }
        switch (format) {
          case WEBHOOK -> accept(request, json, 200, "");
          case SLACK -> slack(request, json);
          case PAGERDUTY -> pagerDuty(request, json);
        }
      }
    });
  }

  private void accept(HttpServerRequest request, JsonObject json, int status, String reply) {
    accepted.add(json);
    log.add(String.valueOf(status));
    request.response().setStatusCode(status).end(reply);
  }

  private void slack(HttpServerRequest request, JsonObject json) {
    if (!(json.getValue("text") instanceof String text) || text.isBlank()) {
      log.add("400 invalid_payload");
      request.response().setStatusCode(400).end("invalid_payload");
      return;
    }
    accept(request, json, 200, "ok");
  }

  private void pagerDuty(HttpServerRequest request, JsonObject json) {
    List<String> errors = new ArrayList<>();
    if (!routingKey.equals(json.getString("routing_key"))) {
      errors.add("'routing_key' is invalid");
    }
    String action = json.getString("event_action");
    if (!Set.of("trigger", "acknowledge", "resolve").contains(action)) {
      errors.add("'event_action' is invalid");
    }
    String dedup = json.getString("dedup_key");
    if (dedup != null && dedup.length() > 255) {
      errors.add("'dedup_key' is too long");
    }
    if ("trigger".equals(action)) {
      JsonObject payload = json.getJsonObject("payload", new JsonObject());
      if (payload.getString("summary", "").isEmpty() || payload.getString("summary").length() > 1024) {
        errors.add("'payload.summary' is missing or too long");
      }
      if (payload.getString("source", "").isEmpty()) {
        errors.add("'payload.source' is missing");
      }
      if (!SEVERITIES.contains(payload.getString("severity", ""))) {
        errors.add("'payload.severity' is invalid");
      }
    } else if (dedup == null) {
      errors.add("'dedup_key' is required for " + action);
    }
    if (!errors.isEmpty()) {
      log.add("400 " + errors);
      request.response().setStatusCode(400).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("status", "invalid event").put("message", "Event object is invalid")
          .put("errors", new JsonArray(errors)).encode());
      return;
    }
    accept(request, json, 202, new JsonObject().put("status", "success").put("message", "Event processed")
      .put("dedup_key", dedup).encode());
  }

  @Override
  public void close() throws Exception {
    server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }
}
