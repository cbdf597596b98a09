package io.healthservice.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A throw-away Postgres 15 cluster (Debian package {@code postgresql-15}) a test may break at will:
 * its own initdb in /tmp, 127.0.0.1 only on a spare port, scram-sha-256 over TCP with
 * {@link #PASSWORD} for superuser {@code postgres}, trust over its private unix socket. Durability is
 * off (fsync, full_page_writes) because the cluster dies with the test. {@link #standbyOf} makes a
 * streaming standby of one ({@code pg_basebackup -R}), for tests of switchovers: {@link #stopFast()} the
 * primary, {@link #promote()} the standby.
 */
public final class PrivatePostgres implements AutoCloseable {

  public static final String SUPERUSER = "postgres";
  public static final String PASSWORD = "private-pg-pass-1";
  private static final String BIN = "/usr/lib/postgresql/15/bin/";
  private static final String PSQL = BIN + "psql";

  private final Path dir;
  private final Path data;
  private final int port;
  private final AtomicBoolean closed = new AtomicBoolean();
  private Process process;

  private PrivatePostgres(Path dir, int port) {
    this.dir = dir;
    this.data = dir.resolve("data");
    this.port = port;
  }

  /** initdb, then the postmaster in the foreground; returns once it reports "ready" (deadline 20 s). */
  public static PrivatePostgres start() throws IOException {
    Exec.requireBinary(BIN + "initdb", "postgresql-15");
    Exec.requireBinary(BIN + "postgres", "postgresql-15");
    Exec.requireBinary(PSQL, "postgresql-client-15");
    PrivatePostgres postgres = new PrivatePostgres(Exec.tempDir("private-pg", true), Ports.free());
    Exec.track(postgres);
    try {
      postgres.launch();
      return postgres;
    } catch (RuntimeException | IOException e) {
      postgres.close();
      throw e;
    }
  }

  /**
   * A hot standby streaming from {@code primary}: {@code pg_basebackup -R} over the primary's unix socket
   * (initdb's {@code local replication all trust}), started on its own spare port; returns once it accepts
   * read-only connections (deadline 20 s).
   */
  public static PrivatePostgres standbyOf(PrivatePostgres primary) throws IOException {
    Exec.requireBinary(BIN + "pg_basebackup", "postgresql-15");
    PrivatePostgres standby = new PrivatePostgres(Exec.tempDir("private-pg-standby", true), Ports.free());
    Exec.track(standby);
    try {
      Exec.ok(Duration.ofSeconds(60), Exec.asPostgres(BIN + "pg_basebackup", "-h", primary.dir.toString(),
        "-p", String.valueOf(primary.port), "-U", SUPERUSER, "-D", standby.data.toString(), "-R", "-X", "stream",
        "--no-sync", "-c", "fast"));
      standby.postmaster();
      return standby;
    } catch (RuntimeException | IOException e) {
      standby.close();
      throw e;
    }
  }

  private void launch() throws IOException {
    Path passwordFile = dir.resolve("pwfile");
    Files.writeString(passwordFile, PASSWORD + "\n");
    // --no-sync: nothing to keep safe, and syncing the fresh cluster is most of initdb's time.
    Exec.ok(Duration.ofSeconds(30), Exec.asPostgres(BIN + "initdb", "-D", data.toString(), "-U", SUPERUSER,
      "--pwfile=" + passwordFile, "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8",
      "--locale=C", "--no-sync", "--no-instructions"));
    Files.delete(passwordFile);
    postmaster();
  }

  private void postmaster() throws IOException {
    // The postmaster itself (setpriv execs), not pg_ctl, so the Process is the server's PID.
    process = Exec.spawn(Exec.asPostgres(BIN + "postgres", "-D", data.toString(), "-p", String.valueOf(port),
      "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=" + dir, "-c", "fsync=off",
      "-c", "full_page_writes=off", "-c", "synchronous_commit=off", "-c", "shared_buffers=16MB",
      "-c", "max_connections=20"), dir, dir.resolve("postgres.log"));
    // Line 8 of postmaster.pid turns "ready" once connections are accepted (what pg_ctl -w waits for).
    Exec.await("ready postmaster on port " + port, Duration.ofSeconds(20), () -> {
      if (!process.isAlive()) {
        throw new IllegalStateException("postgres exited with " + process.exitValue() + ": " + log());
      }
      List<String> lines = readLines(data.resolve("postmaster.pid"));
      // "standby" once a hot standby accepts read-only connections.
      return lines.size() >= 8 && (lines.get(7).trim().equals("ready") || lines.get(7).trim().equals("standby"));
    }, this::log);
  }

  /** {@code pg_ctl stop -m fast}: sessions are ended, the server is gone when this returns (deadline 20 s). */
  public void stopFast() {
    Exec.ok(Duration.ofSeconds(20), Exec.asPostgres(BIN + "pg_ctl", "stop", "-D", data.toString(), "-m", "fast",
      "-w", "-t", "15"));
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        throw new IllegalStateException("postmaster " + process.pid() + " still alive after pg_ctl stop");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for the postmaster", e);
    }
  }

  /** {@code pg_ctl promote -w}: returns once the standby is a primary accepting writes (deadline 20 s). */
  public void promote() {
    Exec.ok(Duration.ofSeconds(20), Exec.asPostgres(BIN + "pg_ctl", "promote", "-D", data.toString(), "-w", "-t", "15"));
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  /** {@code postgresql://user:password@127.0.0.1:<port>/database} (no encoding: keep test credentials plain). */
  public String url(String user, String password, String database) {
    return "postgresql://" + user + ":" + password + "@127.0.0.1:" + port + "/" + database;
  }

  /** Runs {@code statement} as superuser via psql over the private unix socket; trimmed stdout, rows unaligned. */
  public String sql(String statement) {
    return Exec.ok(Duration.ofSeconds(15), List.of(PSQL, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
      "-h", dir.toString(), "-p", String.valueOf(port), "-U", SUPERUSER, "-d", "postgres", "-c", statement));
  }

  /** The server's log so far. */
  public String log() {
    return Exec.read(dir.resolve("postgres.log"));
  }

  /** {@code pg_ctl stop -m immediate}; SIGKILL if that fails; then the cluster's dir is deleted. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      if (process != null && process.isAlive()) {
        try {
          Exec.run(Duration.ofSeconds(15), Exec.asPostgres(BIN + "pg_ctl", "stop", "-D", data.toString(),
            "-m", "immediate", "-w", "-t", "10"));
        } catch (RuntimeException e) {
          // pg_ctl hung or failed: the SIGKILL below still ends the postmaster.
        }
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          Exec.kill(process);
        }
      }
    } catch (InterruptedException e) {
      Exec.kill(process);
      Thread.currentThread().interrupt();
    } finally {
      Exec.deleteTree(dir);
      Exec.untrack(this);
    }
  }

  private static List<String> readLines(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file) : List.of();
    } catch (IOException e) {
      return List.of();
    }
  }
}
