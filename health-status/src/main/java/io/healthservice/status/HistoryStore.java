package io.healthservice.status;

import io.vertx.core.Future;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the status history outlives the process and is shared by the replicas of one service (opt-in: without a
 * store, the history is this replica's memory). The status pages {@link #offer} this replica's records and read
 * {@link #fleet()}; neither ever waits for the store: it buffers (bounded) and writes in batches in the background,
 * and re-reads the fleet in the background. A store that is down makes the pages say so, nothing else.
 *
 * <p>Implemented by {@code health-history-pg} (Postgres). Must be thread-safe: {@link #offer} is called on the
 * checker's event loop, {@link #fleet()} and {@link #status()} on every HTTP event loop.
 */
public interface HistoryStore {

  /**
   * This replica's latest records: closed minutes, state changes and the current state of the checks they name.
   * Never blocks, never fails: a minute offered again (same check and minute) replaces the one buffered.
   */
  void offer(Batch batch);

  /** The fleet as last read from the store, or empty before the first read. Never blocks. */
  Optional<Fleet> fleet();

  /** Whether the store is taking writes, and what is waiting for it. Never blocks. */
  StoreStatus status();

  /** Connects, creates or migrates the tables (safely when several replicas start at once), starts writing. */
  Future<Void> start();

  /** Writes what is buffered (bounded wait), then closes the connections. */
  Future<Void> close();

  /**
   * One replica's records.
   *
   * @param instance    the replica's name (its pod's or host's by default)
   * @param minutes     closed minutes, any order
   * @param transitions state changes, oldest first
   * @param states      the current state of each check that changed or ran
   */
  record Batch(String instance, List<Minute> minutes, List<Change> transitions, List<State> states) {
    public Batch {
      minutes = List.copyOf(minutes);
      transitions = List.copyOf(transitions);
      states = List.copyOf(states);
    }
  }

  /**
   * One wall-clock minute of one check on one replica.
   *
   * @param epochMinute   minutes since 1970-01-01T00:00Z
   * @param runs          runs completed in the minute
   * @param failures      of those, failed runs
   * @param warnings      of those, runs that succeeded with a warning (slow, yellow)
   * @param latencyMaxMs  slowest run (0 without runs)
   * @param latencySumMs  sum of the runs' latencies, for the mean (a check's first run after start is left out)
   * @param latencyRuns   runs whose latency is in the sum
   * @param upMs          time of the minute the check was up
   * @param downMs        time it was down or stale
   * @param maintenanceMs time of the minute inside a maintenance window covering the check
   */
  record Minute(String check, long epochMinute, int runs, int failures, int warnings, long latencyMaxMs,
                long latencySumMs, int latencyRuns, long upMs, long downMs, long maintenanceMs) {
  }

  /** A change of state: words {@code pending}, {@code ok}, {@code down}, {@code stale}; kind and reason when it went down. */
  record Change(String check, Instant at, String from, String to, String kind, String reason) {
  }

  /** A check's state on a replica now, and since when; reason when not ok. */
  record State(String check, String state, Instant since, String reason) {
  }

  /** Whether writes reach the store. */
  record StoreStatus(boolean up, Instant since, String reason, long buffered, long dropped) {
  }

  /**
   * The service as every live replica sees it, read from the store.
   *
   * @param readAt    when it was read (the store's clock)
   * @param instances the replicas that wrote recently, by name, with their last write
   * @param checks    per check name
   */
  record Fleet(Instant readAt, Map<String, Instant> instances, Map<String, FleetCheck> checks) {
    public Fleet {
      instances = Map.copyOf(instances);
      checks = Map.copyOf(checks);
    }
  }

  /**
   * One check across the fleet.
   *
   * @param states      per live replica, its state (the words of {@link Change})
   * @param uptime      percent up by window ({@code 1h}, {@code 24h}, {@code 7d}, {@code 30d}, {@code 90d}), a
   *                    window with no counted minute absent; the rule is in docs/history-store.md
   * @param bars        the last 24 hours in 10-minute bars, oldest first: share of counted minutes down (0..1),
   *                    or -1 without data, or -2 when the bar is all maintenance
   * @param latencyAvgMs mean latency over the last hour across replicas, or -1 without runs
   * @param transitions the latest changes on any replica, newest first, at most 20, with the replica's name
   */
  record FleetCheck(Map<String, String> states, Map<String, Double> uptime, List<Double> bars, double latencyAvgMs,
                    List<FleetChange> transitions) {
    public FleetCheck {
      states = Map.copyOf(states);
      uptime = Map.copyOf(uptime);
      bars = List.copyOf(bars);
      transitions = List.copyOf(transitions);
    }
  }

  /** A change of state as one replica saw it. */
  record FleetChange(String instance, Change change) {
  }
}
