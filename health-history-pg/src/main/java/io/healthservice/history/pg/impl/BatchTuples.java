package io.healthservice.history.pg.impl;

import io.healthservice.status.HistoryStore.Change;
import io.healthservice.status.HistoryStore.Minute;
import io.healthservice.status.HistoryStore.State;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.List;

/** The parameters of {@link BatchWriter}'s statements: one array per column, unnested by the server. */
final class BatchTuples {

  private final String service;
  private final String instance;

  BatchTuples(String service, String instance) {
    this.service = service;
    this.instance = instance;
  }

  Tuple minutes(List<Minute> ms) {
    int n = ms.size();
    String[] c = new String[n];
    Long[] m = new Long[n];
    Integer[] r = new Integer[n];
    Integer[] f = new Integer[n];
    Integer[] w = new Integer[n];
    Long[] lx = new Long[n];
    Long[] ls = new Long[n];
    Integer[] lr = new Integer[n];
    Integer[] u = new Integer[n];
    Integer[] d = new Integer[n];
    Integer[] mt = new Integer[n];
    for (int i = 0; i < n; i++) {
      Minute x = ms.get(i);
      c[i] = text(x.check());
      m[i] = x.epochMinute();
      r[i] = x.runs();
      f[i] = x.failures();
      w[i] = x.warnings();
      lx[i] = x.latencyMaxMs();
      ls[i] = x.latencySumMs();
      lr[i] = x.latencyRuns();
      u[i] = clampMinute(x.upMs());
      d[i] = clampMinute(x.downMs());
      mt[i] = clampMinute(x.maintenanceMs());
    }
    return Tuple.tuple().addValue(service).addValue(instance).addValue(c).addValue(m).addValue(r).addValue(f)
      .addValue(w).addValue(lx).addValue(ls).addValue(lr).addValue(u).addValue(d).addValue(mt);
  }

  Tuple transitions(List<Change> cs) {
    int n = cs.size();
    String[] c = new String[n];
    Long[] a = new Long[n];
    String[] f = new String[n];
    String[] t = new String[n];
    String[] k = new String[n];
    String[] r = new String[n];
    for (int i = 0; i < n; i++) {
      Change x = cs.get(i);
      c[i] = text(x.check());
      a[i] = x.at().toEpochMilli();
      f[i] = text(x.from());
      t[i] = text(x.to());
      k[i] = text(x.kind());
      r[i] = text(x.reason());
    }
    return Tuple.tuple().addValue(service).addValue(instance).addValue(c).addValue(a).addValue(f).addValue(t)
      .addValue(k).addValue(r);
  }

  Tuple states(List<State> ss, Instant now) {
    int n = ss.size();
    String[] c = new String[n];
    String[] s = new String[n];
    Long[] si = new Long[n];
    String[] r = new String[n];
    for (int i = 0; i < n; i++) {
      State x = ss.get(i);
      c[i] = text(x.check());
      s[i] = text(x.state());
      si[i] = x.since() == null ? null : x.since().toEpochMilli();
      r[i] = text(x.reason());
    }
    return Tuple.tuple().addValue(service).addValue(instance).addValue(BatchWriter.time(now)).addValue(c).addValue(s)
      .addValue(si).addValue(r);
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
