package io.healthservice.postgres.impl;

import io.healthservice.CheckFailure;
import io.healthservice.FailureKind;
import io.vertx.pgclient.PgException;

import java.util.Locale;
import java.util.Map;

/**
 * Words for a Postgres or pooler error, from its SQLSTATE and — for the codes that cover several causes —
 * from the fixed text the server or PgBouncer starts its message with. The message is matched, never
 * echoed: it may name users, databases or hosts.
 */
public final class PostgresErrors {

  /** PgBouncer answers most refusals with SQLSTATE 08P01; its fixed message prefixes tell them apart. */
  private static final Map<String, String> POOLER_TEXTS = Map.of(
    "unsupported startup parameter", "rejected by server: unsupported startup parameter",
    "no more connections allowed", "rejected by pooler: max_client_conn reached",
    "password authentication failed", "authentication failed",
    "no such database", "rejected by pooler: database not configured",
    "pgbouncer cannot connect to server", "rejected by pooler: cannot connect to the server behind it",
    "server login has been failing", "rejected by pooler: server login failing",
    "query_wait_timeout", "rejected by pooler: query_wait_timeout (pool exhausted)",
    "pgbouncer is shutting down", "rejected by pooler: shutting down",
    "client_login_timeout", "rejected by pooler: client_login_timeout");

  private PostgresErrors() {
  }

  /**
   * What a Postgres check's error stands for: a server's error by its SQLSTATE (anywhere in the causes),
   * anything else as {@link CheckFailure#of(Throwable)} says. Every failure of a Postgres check goes through
   * here before it leaves the check, since the core knows no client's error types.
   */
  public static CheckFailure of(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof CheckFailure failure) {
        return failure;
      }
      if (t instanceof PgException pg) {
        return classify(pg.getSqlState(), pg.getErrorMessage());
      }
    }
    return CheckFailure.of(error);
  }

  static CheckFailure classify(String sqlState, String message) {
    String state = sqlState == null ? "" : sqlState;
    String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
    String words = switch (state) {
      case "28P01", "28000" -> "authentication failed";
      case "3D000" -> "database does not exist";
      case "53300" -> text.contains("for role") ? "too many connections for the role" : "too many connections";
      case "57P03" -> "server is starting up or shutting down";
      case "57P01", "57P02" -> "server is shutting down";
      case "25006" -> "server is read-only";
      case "08P01" -> pooler(text, "rejected by server: protocol violation");
      default -> state.startsWith("08") ? pooler(text, "rejected by server: connection exception") : "postgres error";
    };
    return new CheckFailure(FailureKind.ERROR, state.isEmpty() ? words : words + " (SQLSTATE " + state + ")");
  }

  private static String pooler(String text, String otherwise) {
    for (Map.Entry<String, String> known : POOLER_TEXTS.entrySet()) {
      if (text.startsWith(known.getKey()) || text.contains(known.getKey())) {
        return known.getValue();
      }
    }
    return otherwise;
  }
}
