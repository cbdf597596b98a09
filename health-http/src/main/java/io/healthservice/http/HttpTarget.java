package io.healthservice.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an {@link HttpCheck} calls and what it accepts. {@code method} is GET or HEAD (a probe must not
 * change anything); statuses default to 200-299; redirects are not followed unless asked, so a 302 to a
 * login page is a failure, not a success. Body expectations need GET: HEAD has no body.
 */
public record HttpTarget(String url, String method, List<StatusRange> expectStatus, Optional<String> expectBody,
                         Optional<JsonPointerExpectation> expectJson, Map<String, String> headers,
                         Optional<String> caFile, boolean followRedirects) {

  public HttpTarget {
    Objects.requireNonNull(url, "url");
    String lower = url.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
      throw new IllegalArgumentException("an HTTP check's URL starts with http:// or https://");
    }
    method = method == null || method.isBlank() ? "GET" : method.trim().toUpperCase(Locale.ROOT);
    if (!method.equals("GET") && !method.equals("HEAD")) {
      throw new IllegalArgumentException("an HTTP check's method is GET or HEAD, not " + method);
    }
    expectStatus = expectStatus == null || expectStatus.isEmpty() ? List.of(StatusRange.SUCCESS) : List.copyOf(expectStatus);
    expectBody = Objects.requireNonNullElse(expectBody, Optional.empty());
    expectJson = Objects.requireNonNullElse(expectJson, Optional.empty());
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    caFile = Objects.requireNonNullElse(caFile, Optional.empty());
    if (method.equals("HEAD") && (expectBody.isPresent() || expectJson.isPresent())) {
      throw new IllegalArgumentException("a HEAD response has no body to expect anything of");
    }
  }

  /** A GET of {@code url} that expects 2xx, nothing else. */
  public static HttpTarget get(String url) {
    return new HttpTarget(url, "GET", List.of(), Optional.empty(), Optional.empty(), Map.of(), Optional.empty(), false);
  }

  /** Whether the body must be read (else it is discarded unread). */
  public boolean readsBody() {
    return expectBody.isPresent() || expectJson.isPresent();
  }

  public boolean accepts(int status) {
    return expectStatus.stream().anyMatch(range -> range.contains(status));
  }

  @Override
  public String toString() {
    // Header values are often credentials: only their names.
    return "HttpTarget[" + method + " " + io.healthservice.kit.Secrets.maskUrl(url) + ", expect " + expectStatus
      + ", headers " + headers.keySet() + "]";
  }
}
