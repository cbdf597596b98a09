package io.healthservice.postgres.impl;

/**
 * What a server said of itself: {@code pg_is_in_recovery()} (libpq reads {@code in_hot_standby}) and
 * {@code transaction_read_only}, which is on in a standby and where {@code default_transaction_read_only} is.
 */
public record ServerRole(boolean inRecovery, boolean readOnly) {

  public static final ServerRole PRIMARY = new ServerRole(false, false);
  public static final ServerRole STANDBY = new ServerRole(true, true);
  /** A primary with {@code default_transaction_read_only = on}. */
  public static final ServerRole READ_ONLY_PRIMARY = new ServerRole(false, true);

  /** The role columns of the check's query ({@code pg_is_in_recovery()}, {@code transaction_read_only}). */
  public static ServerRole of(io.vertx.sqlclient.Row row, int inRecoveryColumn) {
    return new ServerRole(Boolean.TRUE.equals(row.getBoolean(inRecoveryColumn)), "on".equals(row.getString(inRecoveryColumn + 1)));
  }

  /** One word for a reason's host list. */
  public String words() {
    return inRecovery ? "standby" : readOnly ? "read-only primary" : "primary";
  }
}
