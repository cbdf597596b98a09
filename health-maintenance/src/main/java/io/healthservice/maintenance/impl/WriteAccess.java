package io.healthservice.maintenance.impl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Who may start or end a window: callers sending {@code Authorization: Bearer <details token>}, whatever the
 * details visibility (seeing is not muting). Without a token nobody may. Only the token's digest is kept, and
 * digests are compared, so the comparison takes the same time whatever the caller sent.
 */
public final class WriteAccess {

  /** The verdict for one request. */
  public enum Verdict { GRANTED, NO_TOKEN_CONFIGURED, UNAUTHORIZED }

  private final byte[] tokenDigest;

  public WriteAccess(Optional<String> token) {
    this.tokenDigest = token.filter(t -> !t.isBlank()).map(WriteAccess::sha256).orElse(null);
  }

  public Verdict check(String authorization) {
    if (tokenDigest == null) {
      return Verdict.NO_TOKEN_CONFIGURED;
    }
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Verdict.UNAUTHORIZED;
    }
    return MessageDigest.isEqual(tokenDigest, sha256(authorization.substring(7).trim()))
      ? Verdict.GRANTED : Verdict.UNAUTHORIZED;
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
  }
}
