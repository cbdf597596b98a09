package io.healthservice.history.pg.impl;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.List;

/**
 * The tables, created and migrated by the replicas themselves: one transaction that first takes a
 * transaction-scoped advisory lock, so replicas starting at once run the migrations one after the other and the
 * later ones find the version already there. A migration is appended, never edited.
 */
final class Schema {

  static final int VERSION = 1;
  /** The advisory lock key of the migrations (any constant; shared by every service using the tables). */
  private static final long LOCK = 0x4865616c74684801L;

  private static final List<List<String>> MIGRATIONS = List.of(List.of(
    """
      CREATE TABLE IF NOT EXISTS health_history_instances (
        service text NOT NULL, instance text NOT NULL, started_at timestamptz NOT NULL,
        last_seen timestamptz NOT NULL, version text,
        PRIMARY KEY (service, instance))""",
    """
      CREATE TABLE IF NOT EXISTS health_history_states (
        service text NOT NULL, instance text NOT NULL, check_name text NOT NULL, state text NOT NULL,
        since timestamptz, reason text, updated_at timestamptz NOT NULL,
        PRIMARY KEY (service, instance, check_name))""",
    """
      CREATE TABLE IF NOT EXISTS health_history_transitions (
        service text NOT NULL, instance text NOT NULL, check_name text NOT NULL, at timestamptz NOT NULL,
        from_state text, to_state text NOT NULL, kind text, reason text,
        UNIQUE (service, check_name, at, instance, to_state))""",
    "CREATE INDEX IF NOT EXISTS health_history_transitions_at ON health_history_transitions (service, at)",
    // Keyed by minute first: the reads and the downsampling take time ranges across all checks.
    """
      CREATE TABLE IF NOT EXISTS health_history_minutes (
        service text NOT NULL, instance text NOT NULL, check_name text NOT NULL, minute timestamptz NOT NULL,
        runs int NOT NULL, failures int NOT NULL, warnings int NOT NULL, latency_max_ms bigint NOT NULL,
        latency_sum_ms bigint NOT NULL, latency_runs int NOT NULL, up_ms int NOT NULL, down_ms int NOT NULL,
        maintenance_ms int NOT NULL,
        PRIMARY KEY (service, minute, check_name, instance))""",
    """
      CREATE TABLE IF NOT EXISTS health_history_hours (
        service text NOT NULL, check_name text NOT NULL, hour timestamptz NOT NULL,
        minutes_counted int NOT NULL, minutes_down int NOT NULL, minutes_maintenance int NOT NULL,
        runs bigint NOT NULL, failures bigint NOT NULL, warnings bigint NOT NULL, latency_sum_ms bigint NOT NULL,
        latency_runs bigint NOT NULL, latency_max_ms bigint NOT NULL,
        PRIMARY KEY (service, hour, check_name))""",
    // The fleet's 10-minute slots of the minutes kept, so the long reads need not re-aggregate days of minutes.
    """
      CREATE TABLE IF NOT EXISTS health_history_slots (
        service text NOT NULL, check_name text NOT NULL, slot timestamptz NOT NULL,
        minutes_counted int NOT NULL, minutes_down int NOT NULL, minutes_maintenance int NOT NULL,
        latency_sum_ms bigint NOT NULL, latency_runs bigint NOT NULL,
        PRIMARY KEY (service, slot, check_name))"""));

  private Schema() {
  }

  /** Brings the tables to {@link #VERSION}; the caller runs it in a transaction. */
  static Future<Integer> migrate(SqlConnection c) {
    return c.preparedQuery("SELECT pg_advisory_xact_lock($1)").execute(Tuple.of(LOCK))
      .compose(v -> c.query("""
        CREATE TABLE IF NOT EXISTS health_history_schema (
          version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())""").execute())
      .compose(v -> c.query("SELECT coalesce(max(version), 0) FROM health_history_schema").execute())
      .compose(rows -> apply(c, rows.iterator().next().getInteger(0)));
  }

  private static Future<Integer> apply(SqlConnection c, int current) {
    if (current > VERSION) {
      // A newer replica migrated already (a rollout): its changes are additive, this one goes on.
      return Future.succeededFuture(current);
    }
    Future<Void> chain = Future.succeededFuture();
    for (int v = current + 1; v <= VERSION; v++) {
      int version = v;
      for (String statement : MIGRATIONS.get(v - 1)) {
        chain = chain.compose(x -> c.query(statement).execute().mapEmpty());
      }
      chain = chain.compose(x -> c.preparedQuery("INSERT INTO health_history_schema (version) VALUES ($1)")
        .execute(Tuple.of(version)).mapEmpty());
    }
    return chain.map(VERSION);
  }
}
