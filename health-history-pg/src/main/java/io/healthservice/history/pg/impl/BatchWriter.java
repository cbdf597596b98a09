package io.healthservice.history.pg.impl;

import io.healthservice.status.HistoryStore.Minute;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * One flush: the replica's heartbeat and its buffered records, each kind in one multi-row statement (arrays
 * unnested server-side), all in the caller's transaction. Re-writing a flush whose commit was lost is harmless
 * (minutes and states are upserts, transitions are unique), except for this process's first minute, which is added
 * to its predecessor's row (a restart within a minute): a commit lost in that one flush counts that minute twice.
 */
final class BatchWriter {

  static final String EPOCH_MS = "(timestamptz 'epoch' + %s * interval '1 millisecond')";

  private static final String HEARTBEAT = """
    INSERT INTO health_history_instances (service, instance, started_at, last_seen, version) VALUES ($1, $2, $3, $4, $5)
    ON CONFLICT (service, instance) DO UPDATE SET started_at = excluded.started_at, last_seen = excluded.last_seen,
      version = excluded.version""";

  private static final String MINUTES = """
    INSERT INTO health_history_minutes (service, instance, check_name, minute, runs, failures, warnings,
      latency_max_ms, latency_sum_ms, latency_runs, up_ms, down_ms, maintenance_ms)
    SELECT $1, $2, c, timestamptz 'epoch' + m * interval '1 minute', r, f, w, lx, ls, lr, u, d, mt
    FROM unnest($3::text[], $4::int8[], $5::int4[], $6::int4[], $7::int4[], $8::int8[], $9::int8[], $10::int4[],
      $11::int4[], $12::int4[], $13::int4[]) AS t(c, m, r, f, w, lx, ls, lr, u, d, mt)
    ON CONFLICT (service, minute, check_name, instance) DO UPDATE SET runs = excluded.runs,
      failures = excluded.failures, warnings = excluded.warnings, latency_max_ms = excluded.latency_max_ms,
      latency_sum_ms = excluded.latency_sum_ms, latency_runs = excluded.latency_runs, up_ms = excluded.up_ms,
      down_ms = excluded.down_ms, maintenance_ms = excluded.maintenance_ms""";

  /**
   * This process's first minute, which its predecessor under the same instance name (a restart within the minute)
   * may have written at its shutdown: added to, not replaced, so the time the predecessor saw stays counted. Each
   * process writes that minute once (its buffer keeps a record until a transaction with it commits).
   */
  private static final String FIRST_MINUTE = """
    INSERT INTO health_history_minutes AS o (service, instance, check_name, minute, runs, failures, warnings,
      latency_max_ms, latency_sum_ms, latency_runs, up_ms, down_ms, maintenance_ms)
    SELECT $1, $2, c, timestamptz 'epoch' + m * interval '1 minute', r, f, w, lx, ls, lr, u, d, mt
    FROM unnest($3::text[], $4::int8[], $5::int4[], $6::int4[], $7::int4[], $8::int8[], $9::int8[], $10::int4[],
      $11::int4[], $12::int4[], $13::int4[]) AS t(c, m, r, f, w, lx, ls, lr, u, d, mt)
    ON CONFLICT (service, minute, check_name, instance) DO UPDATE SET runs = o.runs + excluded.runs,
      failures = o.failures + excluded.failures, warnings = o.warnings + excluded.warnings,
      latency_max_ms = greatest(o.latency_max_ms, excluded.latency_max_ms),
      latency_sum_ms = o.latency_sum_ms + excluded.latency_sum_ms, latency_runs = o.latency_runs + excluded.latency_runs,
      up_ms = least(60000, o.up_ms + excluded.up_ms), down_ms = least(60000, o.down_ms + excluded.down_ms),
      maintenance_ms = least(60000, o.maintenance_ms + excluded.maintenance_ms)""";

  private static final String TRANSITIONS = """
    INSERT INTO health_history_transitions (service, instance, check_name, at, from_state, to_state, kind, reason)
    SELECT $1, $2, c, %s, f, t, k, r
    FROM unnest($3::text[], $4::int8[], $5::text[], $6::text[], $7::text[], $8::text[]) AS x(c, a, f, t, k, r)
    ON CONFLICT DO NOTHING""".formatted(EPOCH_MS.formatted("a"));

  private static final String STATES = """
    INSERT INTO health_history_states (service, instance, check_name, state, since, reason, updated_at)
    SELECT $1, $2, c, s, %s, r, $3
    FROM unnest($4::text[], $5::text[], $6::int8[], $7::text[]) AS x(c, s, si, r)
    ON CONFLICT (service, instance, check_name) DO UPDATE SET state = excluded.state, since = excluded.since,
      reason = excluded.reason, updated_at = excluded.updated_at
    WHERE (health_history_states.state, health_history_states.since, health_history_states.reason)
      IS DISTINCT FROM (excluded.state, excluded.since, excluded.reason)""".formatted(EPOCH_MS.formatted("si"));

  private final String service;
  private final String instance;
  private final Instant startedAt;

  private final java.time.Duration minutesKept;
  private final BatchTuples tuples;

  BatchWriter(String service, String instance, Instant startedAt, java.time.Duration minutesKept) {
    this.service = service;
    this.instance = instance;
    this.startedAt = startedAt;
    this.minutesKept = minutesKept;
    this.tuples = new BatchTuples(service, instance);
  }

  Future<Void> write(SqlConnection c, WriteBuffer.Pending p, Instant now) {
    return writeRows(c, p, now).compose(v -> lateSlots(c, p, now));
  }

  /**
   * A catch-up writes minutes older than the slots the housekeeping redoes: this flush recomputes their slots
   * (only those of minutes still kept as minutes; older ones reach the hours with the downsampling).
   */
  private Future<Void> lateSlots(SqlConnection c, WriteBuffer.Pending p, Instant now) {
    long redone = now.minus(Housekeeping.SLOTS_REDONE).plusSeconds(600).getEpochSecond() / 60;
    long kept = Math.floorDiv(now.minus(minutesKept).getEpochSecond(), 3600) * 60; // the downsampling's bound
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (Minute m : p.minutes()) {
      if (m.epochMinute() < redone && m.epochMinute() >= kept) {
        min = Math.min(min, m.epochMinute());
        max = Math.max(max, m.epochMinute());
      }
    }
    return min > max ? Future.succeededFuture()
      : Slots.recompute(c, service, Instant.ofEpochSecond(min * 60), Instant.ofEpochSecond(max * 60 + 60));
  }

  private Future<Void> writeRows(SqlConnection c, WriteBuffer.Pending p, Instant now) {
    Future<?> f = c.preparedQuery(HEARTBEAT).execute(Tuple.of(service, instance, time(startedAt), time(now), version()));
    long firstMinute = Math.floorDiv(startedAt.getEpochSecond(), 60);
    List<Minute> first = p.minutes().stream().filter(m -> m.epochMinute() == firstMinute).toList();
    List<Minute> others = first.isEmpty() ? p.minutes()
      : p.minutes().stream().filter(m -> m.epochMinute() != firstMinute).toList();
    if (!others.isEmpty()) {
      f = f.compose(v -> c.preparedQuery(MINUTES).execute(tuples.minutes(others)));
    }
    if (!first.isEmpty()) {
      f = f.compose(v -> c.preparedQuery(FIRST_MINUTE).execute(tuples.minutes(first)));
    }
    if (!p.transitions().isEmpty()) {
      f = f.compose(v -> c.preparedQuery(TRANSITIONS).execute(tuples.transitions(p.transitions())));
    }
    if (!p.states().isEmpty()) {
      f = f.compose(v -> c.preparedQuery(STATES).execute(tuples.states(p.states(), now)));
    }
    return f.mapEmpty();
  }

  static OffsetDateTime time(Instant at) {
    return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
  }

  private static String version() {
    String v = BatchWriter.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
