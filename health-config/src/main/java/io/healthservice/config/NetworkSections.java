package io.healthservice.config;

import io.healthservice.CheckSettings;
import io.healthservice.checks.http.HttpTarget;
import io.healthservice.checks.http.JsonPointerExpectation;
import io.healthservice.checks.http.StatusRange;
import io.healthservice.checks.tcp.TcpTarget;
import io.healthservice.grpc.check.GrpcTarget;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** Readers of the kinds that speak a network protocol of their own: http, tcp, grpc. */
final class NetworkSections {

  private NetworkSections() {
  }

  private static CheckSettings settings(CheckEntry entry) {
    return entry.settings(true, Duration.ofSeconds(10), Duration.ofSeconds(2));
  }

  static CheckOptions.Http http(CheckEntry entry) {
    entry.allowOnly("url", "url_env", "url_file", "method", "expect_status", "expect_body", "expect_json_pointer",
      "expect_json_value", "headers", "tls_ca_file", "follow_redirects");
    TypedReader node = entry.node();
    String url = entry.url(null, "http://search:9200/_cluster/health", UrlRules::http);
    List<StatusRange> statuses = parse(node, "expect_status", () -> StatusRange.parseList(statusText(node)));
    Optional<JsonPointerExpectation> json = Optional.empty();
    if (node.has("expect_json_pointer") || node.has("expect_json_value")) {
      String pointer = node.string("expect_json_pointer", null);
      String value = node.string("expect_json_value", null);
      if (pointer == null || value == null) {
        throw node.error(pointer == null ? "expect_json_pointer" : "expect_json_value",
          "is needed too: expect_json_pointer (e.g. /status) and expect_json_value (e.g. green) go together");
      }
      json = Optional.of(parse(node, "expect_json_pointer", () -> new JsonPointerExpectation(pointer, value)));
    }
    Optional<JsonPointerExpectation> expectJson = json;
    HttpTarget target = parse(node, "method", () -> new HttpTarget(url, node.string("method", "GET"), statuses,
      Optional.ofNullable(node.string("expect_body", null)), expectJson, headers(node), entry.caFile(),
      node.bool("follow_redirects", false)));
    return new CheckOptions.Http(entry.name(), settings(entry), target);
  }

  static CheckOptions.Tcp tcp(CheckEntry entry) {
    entry.allowOnly("url", "url_env", "url_file", "tls_ca_file");
    String url = entry.url(null, "tcp://smtp:25", (u, setting) -> u);
    Optional<String> ca = entry.caFile();
    TcpTarget target = parse(entry.node(), "url", () -> TcpTarget.parse(url, ca));
    return new CheckOptions.Tcp(entry.name(), settings(entry), target);
  }

  static CheckOptions.Grpc grpc(CheckEntry entry) {
    entry.allowOnly("url", "url_env", "url_file", "service", "tls_ca_file");
    String url = entry.url(null, "grpc://payments:50051",
      (u, setting) -> UrlRules.withScheme(u, setting, Set.of("grpc", "grpcs"), "grpc://payments:50051"));
    String service = entry.node().string("service", "");
    Optional<String> ca = entry.caFile();
    GrpcTarget target = parse(entry.node(), "url", () -> new GrpcTarget(url, service, ca));
    return new CheckOptions.Grpc(entry.name(), settings(entry), target);
  }

  /** The library's own rule, its message (which never holds the URL) under the key the operator wrote. */
  private static <T> T parse(TypedReader node, String key, Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      throw node.error(key, e.getMessage());
    }
  }

  /** {@code expect_status}: {@code 200}, {@code "2xx"}, {@code "200-299,301"} or a list of those. */
  private static String statusText(TypedReader node) {
    Object raw = node.raw("expect_status");
    if (raw instanceof JsonArray list) {
      return String.join(",", list.stream().map(String::valueOf).toList());
    }
    return raw == null ? "" : String.valueOf(raw);
  }

  /** {@code headers}: a mapping of names to text values (e.g. an API key; never logged or shown). */
  private static Map<String, String> headers(TypedReader node) {
    Object raw = node.raw("headers");
    if (raw == null) {
      return Map.of();
    }
    if (!(raw instanceof JsonObject mapping)) {
      throw node.error("headers", "must be a mapping of header names to values");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : mapping.fieldNames()) {
      if (!(mapping.getValue(name) instanceof String value) || !name.matches("[A-Za-z0-9-]{1,64}")) {
        throw node.error("headers", "header " + TypedReader.printable(name) + " must have a text value and a token name");
      }
      headers.put(name, value);
    }
    return headers;
  }
}
