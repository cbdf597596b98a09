package io.healthservice.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real PgBouncer (Debian package {@code pgbouncer}) in front of the shared Postgres on 127.0.0.1:5432,
 * on a spare port. Its ini keeps PgBouncer's stock settings (notably no {@code ignore_startup_parameters})
 * so tests see what a default deployment does to a client; only addresses, files, pool mode, databases
 * and md5 auth against {@link #PASSWORD} are set.
 */
public final class PgBouncerProcess implements AutoCloseable {

  public static final String USER = "postgres";
  public static final String PASSWORD = "bouncer-pass-1";
  private static final String BINARY = "/usr/sbin/pgbouncer";

  private final Path dir;
  private final int port;
  private final AtomicBoolean closed = new AtomicBoolean();
  private Process process;

  private PgBouncerProcess(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /** Starts PgBouncer with {@code pool_mode = poolMode} ("transaction" or "session"); returns once it accepts TCP. */
  public static PgBouncerProcess start(String poolMode) throws IOException {
    if (!poolMode.equals("transaction") && !poolMode.equals("session")) {
      throw new IllegalArgumentException("pool mode must be transaction or session: " + poolMode);
    }
    Exec.requireBinary(BINARY, "pgbouncer");
    // PgBouncer refuses to run as root, so the dir belongs to postgres (it writes its log and pidfile there).
    PgBouncerProcess bouncer = new PgBouncerProcess(Exec.tempDir("pgbouncer", true), Ports.free());
    Exec.track(bouncer);
    try {
      bouncer.launch(poolMode);
      return bouncer;
    } catch (RuntimeException | IOException e) {
      bouncer.close();
      throw e;
    }
  }

  private void launch(String poolMode) throws IOException {
    Files.writeString(dir.resolve("userlist.txt"), "\"" + USER + "\" \"" + PASSWORD + "\"\n");
    Path ini = dir.resolve("pgbouncer.ini");
    Files.writeString(ini, String.join("\n",
      "[databases]",
      "postgres = host=127.0.0.1 port=5432 dbname=postgres",
      "test = host=127.0.0.1 port=5432 dbname=test",
      "",
      "[pgbouncer]",
      "listen_addr = 127.0.0.1",
      "listen_port = " + port,
      "unix_socket_dir =",
      "logfile = " + dir.resolve("pgbouncer.log"),
      "pidfile = " + dir.resolve("pgbouncer.pid"),
      "pool_mode = " + poolMode,
      "auth_type = md5",
      "auth_file = " + dir.resolve("userlist.txt"),
      "admin_users = " + USER,
      ""));
    // In the foreground (no -d) behind setpriv, which execs: the Process is PgBouncer itself, so
    // destroyForcibly() kills the real server and nothing outlives us.
    process = Exec.spawn(Exec.asPostgres(BINARY, ini.toString()), dir, dir.resolve("stdout.txt"));
    Exec.awaitListening(process, port, Duration.ofSeconds(10), this::log);
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  /** {@code postgresql://postgres:<PASSWORD>@127.0.0.1:<port>/<database>}, for "postgres" or "test". */
  public String url(String database) {
    return "postgresql://" + USER + ":" + PASSWORD + "@127.0.0.1:" + port + "/" + database;
  }

  /** PgBouncer's log file so far (login attempts, pooler errors). */
  public String log() {
    String log = Exec.read(dir.resolve("pgbouncer.log"));
    // Errors before the log file opens (a bad ini) only reach stdout/stderr.
    return log.isEmpty() ? Exec.read(dir.resolve("stdout.txt")) : log;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      Exec.kill(process);
    } finally {
      Exec.deleteTree(dir);
      Exec.untrack(this);
    }
  }
}
