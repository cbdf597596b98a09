package io.healthservice.http;

import io.healthservice.CheckSettings;
import io.healthservice.kit.UrlRules;
import io.healthservice.spi.CheckDefinition;
import io.healthservice.spi.CheckKind;
import io.healthservice.spi.KindConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code type: http}: one request, judged by its status, and optionally its body or a JSON pointer's value. */
public final class HttpKind implements CheckKind {

  @Override
  public String type() {
    return "http";
  }

  @Override
  public Set<String> keys() {
    return Set.of("url", "url_env", "url_file", "method", "expect_status", "expect_body", "expect_json_pointer",
      "expect_json_value", "warn_json_value", "headers", "tls_ca_file", "follow_redirects");
  }

  @Override
  public CheckDefinition read(KindConfig config) {
    String url = config.url().orElseThrow(() -> config.error("url", "is required (e.g. http://search:9200/_cluster/health)"));
    config.check("url", () -> UrlRules.http(url));
    List<StatusRange> statuses = config.check("expect_status", () -> StatusRange.parseList(statusText(config)));
    Optional<JsonPointerExpectation> json = Optional.empty();
    if (config.has("expect_json_pointer") || config.has("expect_json_value") || config.has("warn_json_value")) {
      String pointer = config.string("expect_json_pointer", null);
      List<String> ok = values(config, "expect_json_value");
      if (pointer == null || ok.isEmpty()) {
        throw config.error(pointer == null ? "expect_json_pointer" : "expect_json_value",
          "is needed too: expect_json_pointer (e.g. /status) and expect_json_value (e.g. green) go together");
      }
      config.check("expect_json_pointer", () -> new JsonPointerExpectation(pointer, ok, List.of()));
      List<String> warn = values(config, "warn_json_value");
      json = Optional.of(config.check("warn_json_value", () -> new JsonPointerExpectation(pointer, ok, warn)));
    }
    Optional<JsonPointerExpectation> expectJson = json;
    Map<String, String> headers = headers(config);
    Optional<String> ca = config.caFile();
    HttpTarget target = config.check("method", () -> new HttpTarget(url, config.string("method", "GET"), statuses,
      Optional.ofNullable(config.string("expect_body", null)), expectJson, headers, ca,
      config.bool("follow_redirects", false)));
    String name = config.name();
    return CheckDefinition.of(name, type(), config.settings(true, Duration.ofSeconds(10), Duration.ofSeconds(2)), target,
      (vertx, on) -> new HttpCheck(vertx, name, on));
  }

  /** A text value or a list of them ({@code green}, {@code [green, "true"]}); empty when the key is absent. */
  private static List<String> values(KindConfig config, String key) {
    Object raw = config.raw(key);
    if (raw == null) {
      return List.of();
    }
    if (raw instanceof JsonArray list) {
      if (list.isEmpty() || list.stream().anyMatch(v -> v == null || v instanceof JsonObject || v instanceof JsonArray)) {
        throw config.error(key, "must be a value or a non-empty list of values");
      }
      return list.stream().map(String::valueOf).toList();
    }
    return List.of(config.string(key, ""));
  }

  /** {@code expect_status}: {@code 200}, {@code "2xx"}, {@code "200-299,301"} or a list of those. */
  private static String statusText(KindConfig config) {
    Object raw = config.raw("expect_status");
    if (raw instanceof JsonArray list) {
      return String.join(",", list.stream().map(String::valueOf).toList());
    }
    return raw == null ? "" : String.valueOf(raw);
  }

  /** {@code headers}: a mapping of names to text values (e.g. an API key; never logged or shown). */
  private static Map<String, String> headers(KindConfig config) {
    Object raw = config.raw("headers");
    if (raw == null) {
      return Map.of();
    }
    if (!(raw instanceof JsonObject mapping)) {
      throw config.error("headers", "must be a mapping of header names to values");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : mapping.fieldNames()) {
      if (!(mapping.getValue(name) instanceof String value) || !name.matches("[A-Za-z0-9-]{1,64}")) {
        throw config.error("headers", "header " + UrlRules.printable(name) + " must have a text value and a token name");
      }
      headers.put(name, value);
    }
    return headers;
  }
}
