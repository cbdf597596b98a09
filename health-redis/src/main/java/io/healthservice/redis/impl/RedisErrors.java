package io.healthservice.redis.impl;

import io.healthservice.CheckFailure;
import io.healthservice.FailureKind;
import io.healthservice.redis.RedisWarning;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Words for a Redis error reply, from its upper-case code ({@code NOAUTH}, {@code WRONGPASS}, ...) and,
 * for the catch-all {@code ERR}, from a few fixed texts of the server — matched, never echoed.
 */
public final class RedisErrors {

  private static final Pattern CODE = Pattern.compile("[A-Z]{2,16}");

  private RedisErrors() {
  }

  /** The client's type for an error reply; internal to the client, so named, never imported. */
  private static final String ERROR_REPLY = "io.vertx.redis.client.impl.types.ErrorType";

  /**
   * What a Redis check's error stands for: an error reply by its code (anywhere in the causes), anything else
   * as {@link CheckFailure#of(Throwable)} says. Every failure of a Redis check goes through here before it
   * leaves the check, since the core knows no client's error types.
   */
  public static CheckFailure of(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof CheckFailure failure) {
        return failure;
      }
      if (t.getClass().getName().equals(ERROR_REPLY)) {
        return classify(t.getMessage() == null ? "" : t.getMessage());
      }
    }
    return CheckFailure.of(error);
  }

  /** The code of an error reply ({@code LOADING}, {@code NOPERM}, ...): its first word, or ERR. */
  static String code(String message) {
    String code = message.isEmpty() ? "" : message.split("\\s", 2)[0];
    return CODE.matcher(code).matches() ? code : "ERR";
  }

  static CheckFailure classify(String message) {
    String code = code(message);
    String lower = message.toLowerCase(Locale.ROOT);
    String words = switch (code) {
      case "NOAUTH", "WRONGPASS" -> "authentication failed";
      case "LOADING" -> RedisWarning.LOADING;
      case "MISCONF" -> RedisWarning.misconf(message.contains("AOF"));
      case "BUSY" -> "busy running a script";
      case "MASTERDOWN" -> "master is down";
      case "NOPERM" -> "no permission for the command";
      case "CLUSTERDOWN" -> "cluster is down";
      default -> lower.contains("max number of clients reached") ? "rejected by server: max number of clients reached"
        : lower.contains("cluster support disabled") ? "not a cluster node (cluster support disabled)"
        : "redis error";
    };
    // LOADING and MISCONF words name their code already.
    return new CheckFailure(FailureKind.ERROR, words.startsWith(code + ":") ? words : words + " (" + code + ")");
  }
}
