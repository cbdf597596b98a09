package io.healthservice.history.pg.impl;

import io.vertx.pgclient.PgException;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * A short reason for a store failure, for the page, the log and the status: from the error's type and SQLSTATE,
 * never its message, which may name the user, the host or the database.
 */
final class StoreErrors {

  private StoreErrors() {
  }

  /** A data exception or constraint violation (SQLSTATE class 22 or 23): retrying the same batch would fail again. */
  static boolean isDataError(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof PgException pg && pg.getSqlState() != null) {
        return pg.getSqlState().startsWith("22") || pg.getSqlState().startsWith("23");
      }
    }
    return false;
  }

  static String reason(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof PgException pg) {
        String state = pg.getSqlState() == null ? "" : pg.getSqlState();
        String words = switch (state) {
          case "28P01", "28000" -> "authentication failed";
          case "3D000" -> "database does not exist";
          case "42501" -> "permission denied";
          case "53300" -> "too many connections";
          case "57014" -> "timeout";
          case "25006" -> "server is read-only";
          case "57P01", "57P02", "57P03" -> "server is shutting down or starting up";
          default -> "postgres error";
        };
        return state.isEmpty() || words.equals("timeout") ? words : words + " (SQLSTATE " + state + ")";
      }
      if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
        return "timeout";
      }
      if (t instanceof ConnectException) {
        return "connection refused";
      }
      if (t instanceof UnknownHostException) {
        return "unknown host";
      }
      if (t instanceof java.net.SocketException && String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT).contains("reset")) {
        return "connection reset";
      }
      if (t instanceof ClosedChannelException) {
        return "connection closed";
      }
      if (t instanceof javax.net.ssl.SSLException) {
        return "TLS failed";
      }
    }
    String name = error == null ? "" : error.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    String message = error == null || error.getMessage() == null ? "" : error.getMessage().toLowerCase(Locale.ROOT);
    if (name.contains("closed") || message.contains("closed")) {
      return "connection closed";
    }
    if (message.contains("timed out") || message.contains("timeout")) {
      return "timeout";
    }
    return "error (" + (error == null ? "unknown" : error.getClass().getSimpleName()) + ")";
  }
}
