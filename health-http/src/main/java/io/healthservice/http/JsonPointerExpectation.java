package io.healthservice.http;

import java.util.Objects;

/**
 * The JSON value at {@code pointer} (RFC 6901, e.g. {@code /status}) must equal {@code expected}: a string
 * compared as is, a number or boolean compared by its JSON text ({@code "true"}, {@code "1"}).
 */
public record JsonPointerExpectation(String pointer, String expected) {

  public JsonPointerExpectation {
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(expected, "expected");
    if (!pointer.isEmpty() && !pointer.startsWith("/")) {
      throw new IllegalArgumentException("a JSON pointer starts with '/': \"" + pointer + "\"");
    }
  }
}
