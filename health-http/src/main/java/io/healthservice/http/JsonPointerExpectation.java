package io.healthservice.http;

import java.util.List;
import java.util.Objects;

/**
 * The JSON value at {@code pointer} (RFC 6901, e.g. {@code /status}) decides: one of {@code ok} is up, one of
 * {@code warn} is up with a warning ({@code yellow} of a search cluster), anything else, or no value, is down. A
 * string is compared as is, a number or boolean by its JSON text ({@code "true"}, {@code "1"}).
 */
public record JsonPointerExpectation(String pointer, List<String> ok, List<String> warn) {

  public JsonPointerExpectation {
    Objects.requireNonNull(pointer, "pointer");
    ok = List.copyOf(ok);
    warn = List.copyOf(warn);
    if (ok.isEmpty()) {
      throw new IllegalArgumentException("at least one value means ok");
    }
    if (!pointer.isEmpty() && !pointer.startsWith("/")) {
      throw new IllegalArgumentException("a JSON pointer starts with '/': \"" + pointer + "\"");
    }
    if (ok.stream().anyMatch(warn::contains)) {
      throw new IllegalArgumentException("a value cannot mean both ok and warn");
    }
  }

  /** Only {@code expected} is ok; any other value is down. */
  public JsonPointerExpectation(String pointer, String expected) {
    this(pointer, List.of(Objects.requireNonNull(expected, "expected")), List.of());
  }
}
