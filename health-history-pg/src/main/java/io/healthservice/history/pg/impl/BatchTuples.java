package io.healthservice.history.pg.impl;

import io.healthservice.status.HistoryStore.Change;
import io.healthservice.status.HistoryStore.Minute;
import io.healthservice.status.HistoryStore.State;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

/** The parameters of {@link BatchWriter}'s statements: one array per column, unnested by the server. */
final class BatchTuples {

  private final String service;
  private final String instance;

  BatchTuples(String service, String instance) {
    this.service = service;
    this.instance = instance;
  }

  Tuple minutes(List<Minute> ms) {
    return Tuple.tuple().addValue(service).addValue(instance)
      .addValue(column(ms, x -> text(x.check()), String[]::new))
      .addValue(column(ms, Minute::epochMinute, Long[]::new))
      .addValue(column(ms, Minute::runs, Integer[]::new))
      .addValue(column(ms, Minute::failures, Integer[]::new))
      .addValue(column(ms, Minute::warnings, Integer[]::new))
      .addValue(column(ms, Minute::latencyMaxMs, Long[]::new))
      .addValue(column(ms, Minute::latencySumMs, Long[]::new))
      .addValue(column(ms, Minute::latencyRuns, Integer[]::new))
      .addValue(column(ms, x -> clampMinute(x.upMs()), Integer[]::new))
      .addValue(column(ms, x -> clampMinute(x.downMs()), Integer[]::new))
      .addValue(column(ms, x -> clampMinute(x.maintenanceMs()), Integer[]::new));
  }

  Tuple transitions(List<Change> cs) {
    return Tuple.tuple().addValue(service).addValue(instance)
      .addValue(column(cs, x -> text(x.check()), String[]::new))
      .addValue(column(cs, x -> x.at().toEpochMilli(), Long[]::new))
      .addValue(column(cs, x -> text(x.from()), String[]::new))
      .addValue(column(cs, x -> text(x.to()), String[]::new))
      .addValue(column(cs, x -> text(x.kind()), String[]::new))
      .addValue(column(cs, x -> text(x.reason()), String[]::new));
  }

  Tuple states(List<State> ss, Instant now) {
    return Tuple.tuple().addValue(service).addValue(instance).addValue(BatchWriter.time(now))
      .addValue(column(ss, x -> text(x.check()), String[]::new))
      .addValue(column(ss, x -> text(x.state()), String[]::new))
      .addValue(column(ss, x -> x.since() == null ? null : x.since().toEpochMilli(), Long[]::new))
      .addValue(column(ss, x -> text(x.reason()), String[]::new));
  }

  /** One parameter array: {@code value} of every row, in order. */
  private static <R, T> T[] column(List<R> rows, Function<R, T> value, IntFunction<T[]> array) {
    T[] column = array.apply(rows.size());
    for (int i = 0; i < column.length; i++) {
      column[i] = value.apply(rows.get(i));
    }
    return column;
  }

  /** Postgres text cannot hold NUL: one in a name or a reason would fail every retry of the batch. */
  private static String text(String s) {
    return s == null || s.indexOf('\0') < 0 ? s : s.replace("\0", "");
  }

  /** A minute holds at most 60,000 ms of anything; clamping keeps a bad record from failing the whole batch. */
  private static int clampMinute(long ms) {
    return (int) Math.max(0, Math.min(60_000, ms));
  }
}
