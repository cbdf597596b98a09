package io.healthservice.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.pointer.JsonPointer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a response body says of the dependency: down (with the reason), up with a warning, or up. Only values the
 * configuration lists, or a cut quote of the value found, appear in the words.
 *
 * @param down    why the body fails the check, or null
 * @param warning what an ok-but-warn value says ({@code JSON /status is "yellow"}), or null
 */
record BodyVerdict(String down, String warning) {

  private static final int MAX_QUOTED_CHARS = 64;
  private static final BodyVerdict UP = new BodyVerdict(null, null);

  static BodyVerdict of(HttpTarget target, Buffer body) {
    Buffer content = body == null ? Buffer.buffer() : body;
    if (target.expectBody().isPresent()
      && !content.toString(StandardCharsets.UTF_8).contains(target.expectBody().get())) {
      return new BodyVerdict("body does not contain the expected text", null);
    }
    if (target.expectJson().isEmpty()) {
      return UP;
    }
    JsonPointerExpectation expectation = target.expectJson().get();
    Object json;
    try {
      json = Json.decodeValue(content);
    } catch (DecodeException | IllegalStateException notJson) {
      return new BodyVerdict("body is not JSON", null);
    }
    Object value = JsonPointer.from(expectation.pointer()).queryJson(json);
    String at = "JSON " + expectation.pointer();
    if (value == null) {
      return new BodyVerdict(at + " is missing, expected " + quoted(expectation.ok()), null);
    }
    String text = value instanceof String string ? string : Json.encode(value);
    if (expectation.ok().contains(text)) {
      return UP;
    }
    if (expectation.warn().contains(text)) {
      return new BodyVerdict(null, at + " is " + quote(text));
    }
    return new BodyVerdict(at + " is " + quote(text) + ", expected " + quoted(expectation.ok()), null);
  }

  private static String quoted(List<String> values) {
    return values.stream().map(BodyVerdict::quote).collect(Collectors.joining(" or "));
  }

  private static String quote(String value) {
    String cut = value.length() > MAX_QUOTED_CHARS ? value.substring(0, MAX_QUOTED_CHARS) + "..." : value;
    return "\"" + cut + "\"";
  }
}
