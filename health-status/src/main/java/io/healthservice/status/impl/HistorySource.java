package io.healthservice.status.impl;

import io.healthservice.status.HistoryStore;
import io.healthservice.status.HistoryStore.Fleet;
import io.healthservice.status.HistoryStore.StoreStatus;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the views' history comes from right now: the store's fleet when the store is up and has been read, else
 * this replica’s memory; and the one line the page shows about it.
 *
 * @param fleet  the fleet to show, or empty for this replica’s memory
 * @param status the store's status, or empty without a store
 */
record HistorySource(Optional<Fleet> fleet, Optional<StoreStatus> status, String line) {

  private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("MMM d, HH:mm:ss 'UTC'", Locale.ROOT)
    .withZone(ZoneOffset.UTC);

  static HistorySource of(Optional<HistoryStore> store) {
    if (store.isEmpty()) {
      return new HistorySource(Optional.empty(), Optional.empty(),
        "History: this replica’s memory since it started (lost on restart).");
    }
    StoreStatus status = store.get().status();
    if (!status.up()) {
      return new HistorySource(Optional.empty(), Optional.of(status), "History store unreachable since "
        + (status.since() == null ? "start" : AT.format(status.since())) + ": showing this replica’s memory; "
        + status.buffered() + " records waiting, " + status.dropped() + " dropped.");
    }
    Optional<Fleet> fleet = store.get().fleet();
    if (fleet.isEmpty()) {
      return new HistorySource(Optional.empty(), Optional.of(status),
        "History: this replica’s memory until the shared store's first read.");
    }
    int replicas = fleet.get().instances().size();
    return new HistorySource(fleet, Optional.of(status), "History: " + replicas + (replicas == 1 ? " replica" : " replicas")
      + ", from the shared store (read " + AT.format(fleet.get().readAt()) + ").");
  }
}
