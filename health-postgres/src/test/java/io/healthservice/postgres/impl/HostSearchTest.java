package io.healthservice.postgres.impl;

import io.healthservice.CheckFailure;
import io.healthservice.FailureKind;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** libpq's choice of host over fake answers: a role, or a refused connection, per host. */
class HostSearchTest {

  private static final List<PostgresHost> HOSTS = List.of(
    new PostgresHost("db1", 5432, "db1:5432"), new PostgresHost("db2", 5432, "db2:5432"),
    new PostgresHost("db3", 5432, "db3:5432"));
  private static final Object REFUSED = new Object();

  private final List<Integer> asked = new ArrayList<>();

  /** Runs the search with {@code answers[i]} as host i's answer; the future completes at once (all fake). */
  private Future<HostSearch.Choice> find(SessionAttrs attrs, int inUse, Object... answers) {
    return new HostSearch(HOSTS.subList(0, answers.length), attrs).find(inUse, i -> {
      asked.add(i);
      return answers[i] == REFUSED
        ? Future.failedFuture(new ConnectException("Connection refused: db" + (i + 1) + "/10.0.0.1:5432"))
        : Future.succeededFuture((ServerRole) answers[i]);
    });
  }

  private static int chosen(Future<HostSearch.Choice> search) {
    assertThat(search.succeeded()).as("search succeeded: %s", search.cause()).isTrue();
    return search.result().index();
  }

  private static String reason(Future<HostSearch.Choice> search) {
    assertThat(search.failed()).isTrue();
    return ((CheckFailure) search.cause()).reason();
  }

  @Test
  void readWriteTakesTheFirstPrimaryInOrder() {
    assertThat(chosen(find(SessionAttrs.READ_WRITE, -1, ServerRole.STANDBY, ServerRole.PRIMARY, ServerRole.PRIMARY))).isEqualTo(1);
    assertThat(asked).containsExactly(0, 1);
  }

  @Test
  void readWriteIsNotAReadOnlyPrimaryButPrimaryIs() {
    assertThat(chosen(find(SessionAttrs.READ_WRITE, -1, ServerRole.READ_ONLY_PRIMARY, ServerRole.PRIMARY))).isEqualTo(1);
    assertThat(chosen(find(SessionAttrs.PRIMARY, -1, ServerRole.READ_ONLY_PRIMARY, ServerRole.PRIMARY))).isEqualTo(0);
    assertThat(chosen(find(SessionAttrs.READ_ONLY, -1, ServerRole.PRIMARY, ServerRole.READ_ONLY_PRIMARY))).isEqualTo(1);
    assertThat(chosen(find(SessionAttrs.READ_ONLY, -1, ServerRole.PRIMARY, ServerRole.STANDBY))).isEqualTo(1);
  }

  @Test
  void noMatchNamesTheAttributeAndEachHost() {
    Future<HostSearch.Choice> none = find(SessionAttrs.READ_WRITE, -1, ServerRole.STANDBY, REFUSED);
    assertThat(reason(none)).isEqualTo("no host is read-write: db1:5432 standby, db2:5432 refused");
    assertThat(((CheckFailure) none.cause()).kind()).isEqualTo(FailureKind.ERROR);
    assertThat(reason(find(SessionAttrs.STANDBY, -1, ServerRole.PRIMARY, ServerRole.READ_ONLY_PRIMARY)))
      .isEqualTo("no host is standby: db1:5432 primary, db2:5432 read-only primary");
  }

  @Test
  void allRefusedIsRefused() {
    Future<HostSearch.Choice> none = find(SessionAttrs.ANY, -1, REFUSED, REFUSED);
    assertThat(reason(none)).isEqualTo("no host is reachable: db1:5432 refused, db2:5432 refused");
    assertThat(((CheckFailure) none.cause()).kind()).isEqualTo(FailureKind.REFUSED);
  }

  @Test
  void oneHostKeepsTheReasonItAlwaysHad() {
    assertThat(reason(find(SessionAttrs.ANY, -1, REFUSED))).isEqualTo("connection refused");
    assertThat(reason(find(SessionAttrs.READ_WRITE, -1, ServerRole.STANDBY))).isEqualTo("no host is read-write: db1:5432 standby");
  }

  @Test
  void anyTakesTheFirstThatAnswers() {
    assertThat(chosen(find(SessionAttrs.ANY, -1, REFUSED, null, null))).isEqualTo(1);
    assertThat(asked).containsExactly(0, 1);
  }

  @Test
  void preferStandbyTriesStandbysFirstThenAnyWithoutAskingAgain() {
    assertThat(chosen(find(SessionAttrs.PREFER_STANDBY, -1, ServerRole.PRIMARY, REFUSED, ServerRole.STANDBY))).isEqualTo(2);
    asked.clear();
    assertThat(chosen(find(SessionAttrs.PREFER_STANDBY, -1, REFUSED, ServerRole.PRIMARY, ServerRole.PRIMARY))).isEqualTo(1);
    assertThat(asked).containsExactly(0, 1, 2);
    assertThat(reason(find(SessionAttrs.PREFER_STANDBY, -1, REFUSED, REFUSED)))
      .isEqualTo("no host is reachable (prefer-standby): db1:5432 refused, db2:5432 refused");
  }

  @Test
  void theHostInUseIsAskedFirstAndLeftWhenItNoLongerMatches() {
    assertThat(chosen(find(SessionAttrs.READ_WRITE, 2, ServerRole.PRIMARY, ServerRole.PRIMARY, ServerRole.PRIMARY))).isEqualTo(2);
    assertThat(asked).containsExactly(2);
    asked.clear();
    // A switchover: the old primary (in use) is now a standby; the next run walks the list in order.
    assertThat(chosen(find(SessionAttrs.READ_WRITE, 1, ServerRole.STANDBY, ServerRole.STANDBY, ServerRole.PRIMARY))).isEqualTo(2);
    assertThat(asked).containsExactly(1, 0, 2);
  }

  @Test
  void theReasonNeverHoldsADriversMessage() {
    String reason = reason(find(SessionAttrs.PRIMARY, -1, REFUSED, REFUSED));
    assertThat(reason).doesNotContain("10.0.0.1").doesNotContain("Connection refused:");
  }
}
