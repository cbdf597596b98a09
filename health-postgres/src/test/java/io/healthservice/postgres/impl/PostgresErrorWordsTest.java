package io.healthservice.postgres.impl;

import io.vertx.pgclient.PgException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Refusals by a Postgres server or a pooler get words that point at the cause, never the message itself. */
class PostgresErrorWordsTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "08P01|unsupported startup parameter: extra_float_digits|rejected by server: unsupported startup parameter (SQLSTATE 08P01)",
    "08P01|no more connections allowed (max_client_conn)|rejected by pooler: max_client_conn reached (SQLSTATE 08P01)",
    "08P01|password authentication failed|authentication failed (SQLSTATE 08P01)",
    "08P01|no such database: secretdb|rejected by pooler: database not configured (SQLSTATE 08P01)",
    "08P01|pgbouncer cannot connect to server|rejected by pooler: cannot connect to the server behind it (SQLSTATE 08P01)",
    "08P01|something new from user alice|rejected by server: protocol violation (SQLSTATE 08P01)",
    "08006|connection failure|rejected by server: connection exception (SQLSTATE 08006)",
    "53300|too many connections for role \"app\"|too many connections for the role (SQLSTATE 53300)",
    "53300|sorry, too many clients already|too many connections (SQLSTATE 53300)",
    "28P01|password authentication failed for user \"app\"|authentication failed (SQLSTATE 28P01)",
  })
  void postgres(String sqlState, String message, String words) {
    String reason = PostgresErrors.classify(sqlState, message).reason();
    assertThat(reason).isEqualTo(words);
    assertThat(reason).doesNotContain("extra_float_digits", "alice", "secretdb", "\"app\"");
  }

  @Test
  void aServerErrorAnywhereInTheCausesIsReadByItsKind() {
    String secret = "user=admin password=hunter2 host=db.internal";
    assertThat(PostgresErrors.of(new PgException(secret, "FATAL", "28P01", null)).reason())
      .isEqualTo("authentication failed (SQLSTATE 28P01)");
    assertThat(PostgresErrors.of(new io.vertx.core.VertxException(new PgException(secret, "ERROR", "XX000", null))).reason())
      .isEqualTo("postgres error (SQLSTATE XX000)");
    assertThat(PostgresErrors.of(new java.net.ConnectException(secret)).reason()).isEqualTo("connection refused");
  }
}
