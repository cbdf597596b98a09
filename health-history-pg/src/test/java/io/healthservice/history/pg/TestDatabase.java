package io.healthservice.history.pg;

import io.healthservice.support.Exec;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A database of the test's own on the shared Postgres (127.0.0.1:5432, trust): created with a random name,
 * dropped on close. {@link #sql} runs psql, for what the test checks behind the store's back.
 */
public final class TestDatabase implements AutoCloseable {

  public static final String HOST = "127.0.0.1";
  public static final int PORT = 5432;

  private final String name;

  private TestDatabase(String name) {
    this.name = name;
  }

  public static TestDatabase create() {
    TestDatabase db = new TestDatabase("history_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    psql("postgres", "CREATE DATABASE " + db.name);
    return db;
  }

  public String name() {
    return name;
  }

  public String url() {
    return "postgresql://postgres@" + HOST + ":" + PORT + "/" + name;
  }

  /** Trimmed, unaligned, tuples only. */
  public String sql(String statement) {
    return psql(name, statement);
  }

  public long count(String statement) {
    return Long.parseLong(sql(statement).trim());
  }

  private static String psql(String database, String statement) {
    return Exec.ok(Duration.ofSeconds(60), List.of("psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
      "-h", HOST, "-p", String.valueOf(PORT), "-U", "postgres", "-d", database, "-c", statement)).trim();
  }

  @Override
  public void close() {
    psql("postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }
}
