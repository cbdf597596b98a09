package io.healthservice.mysql;

import io.healthservice.CheckFailure;
import io.healthservice.FailureKind;
import io.vertx.mysqlclient.MySQLException;

/**
 * Words for a MySQL/MariaDB error from its error code (and SQLSTATE) only. The server's message names the
 * user, the client host and the database, so it is never read, let alone echoed.
 */
final class MysqlErrors {

  private MysqlErrors() {
  }

  static CheckFailure classify(Throwable error) {
    for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof MySQLException mysql) {
        return classify(mysql.getErrorCode(), mysql.getSqlState());
      }
    }
    return CheckFailure.of(error);
  }

  static CheckFailure classify(int code, String sqlState) {
    String words = switch (code) {
      case 1045 -> "authentication failed";
      case 1044 -> "access denied to the database";
      case 1049 -> "database does not exist";
      case 1040 -> "too many connections";
      case 1203, 1226 -> "too many connections for the user";
      case 1129 -> "host blocked after too many connection errors";
      case 1130 -> "host not allowed to connect";
      case 1251 -> "authentication method not supported by the client";
      case 1053 -> "server is shutting down";
      case 1290, 1836 -> "server is read-only";
      case 1927 -> "connection killed by the server";
      default -> null;
    };
    if (words != null) {
      return new CheckFailure(FailureKind.ERROR, words + " (" + code + ")");
    }
    String state = sqlState == null || sqlState.isBlank() ? "" : ", SQLSTATE " + sqlState.replaceAll("[^0-9A-Za-z]", "");
    return new CheckFailure(FailureKind.ERROR, "mysql error (" + code + state + ")");
  }
}
