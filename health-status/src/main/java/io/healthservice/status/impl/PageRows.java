package io.healthservice.status.impl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The rows of one view of {@code /status}: every check ordered (failing critical first, then failing non-critical,
 * warnings, pending, up; by name within; by kind or group first when grouped), filtered, and cut into pages.
 * Failing checks come first, so an outage is on page 1 (and the header names them); every page holds at most
 * {@value #PAGE_SIZE} rows, so page 1 stays under 300 KB even when every bar alternates all day (about 2.3 KB a row).
 *
 * @param shown    the page's rows, in order
 * @param matching how many rows the filter kept
 * @param pages    how many pages those make
 * @param counts   per state word of {@link StatusRow#filterState()}, over every check
 * @param failing  every failing check, in order (for the header)
 */
record PageRows(List<StatusRow> shown, int matching, int pages, java.util.Map<String, Integer> counts,
                List<StatusRow> failing) {

  static final int PAGE_SIZE = 100;
  private static final Comparator<Keyed> ORDER = Comparator.comparingInt(Keyed::rank).thenComparing(Keyed::label);

  /** A row with its sort keys, computed once rather than at each of the n log n comparisons. */
  private record Keyed(StatusRow row, int rank, String label, String group) {
  }

  static PageRows select(List<StatusRow> all, PageQuery query) {
    java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
    List<Keyed> failing = new ArrayList<>();
    List<Keyed> kept = new ArrayList<>();
    for (StatusRow row : all) {
      Keyed keyed = new Keyed(row, row.rank(), row.label(), query.group().isEmpty() ? "" : groupKey(row, query));
      counts.merge(row.filterState(), 1, Integer::sum);
      if (keyed.rank() <= 1) {
        failing.add(keyed);
      }
      if (query.matches(row)) {
        kept.add(keyed);
      }
    }
    failing.sort(ORDER);
    kept.sort(Comparator.comparing(Keyed::group).thenComparing(ORDER));
    int pages = Math.max(1, (kept.size() + PAGE_SIZE - 1) / PAGE_SIZE);
    int page = Math.min(query.page(), pages);
    int from = (page - 1) * PAGE_SIZE;
    int to = Math.min(kept.size(), from + PAGE_SIZE);
    return new PageRows(kept.subList(from, to).stream().map(Keyed::row).toList(), kept.size(), pages, counts,
      failing.stream().map(Keyed::row).toList());
  }

  /** The heading a grouped view puts rows under: their kind (their group when the kind is unknown) or group. */
  static String groupKey(StatusRow row, PageQuery query) {
    return query.group().equals("kind") ? row.kind().orElse(row.group().name()) : row.group().name();
  }
}
