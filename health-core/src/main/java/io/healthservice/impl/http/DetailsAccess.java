package io.healthservice.impl.http;

import io.healthservice.DetailsVisibility;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may see per-check details (reasons, latencies, failure counts): nobody, everybody, or callers that
 * send {@code Authorization: Bearer <token>}.
 */
public final class DetailsAccess {

  private final DetailsVisibility visibility;
  /** Only the token's digest is kept, and compared. */
  private final byte[] tokenDigest;

  public DetailsAccess(DetailsVisibility visibility, Optional<String> token) {
    this.visibility = Objects.requireNonNull(visibility);
    this.tokenDigest = token.map(DetailsAccess::sha256).orElse(null);
  }

  /** Details for this request: asked for with {@code ?verbose}, and allowed for this caller. */
  public boolean granted(RoutingContext ctx) {
    return ProbeQuery.verbose(ctx) && visible(ctx);
  }

  /**
   * Whether this caller may see details, asked for or not: pages for people show what the policy allows
   * without {@code ?verbose} (probes keep requiring it, so their bodies stay small).
   */
  public boolean visible(RoutingContext ctx) {
    return switch (visibility) {
      case NEVER -> false;
      case ALWAYS -> true;
      case WHEN_AUTHORIZED -> authorized(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
    };
  }

  private boolean authorized(String header) {
    if (tokenDigest == null || header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    // Digests have a fixed length, so the comparison takes the same time whatever the caller sent.
    return MessageDigest.isEqual(tokenDigest, sha256(header.substring(7).trim()));
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
  }
}
