package io.healthservice.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A private redis-server (Debian package {@code redis-server}) on 127.0.0.1 and a spare port, with no
 * persistence, in its own temp dir; or a sentinel ({@link #startSentinel}). The Process is the server
 * itself, so {@link #pause()} / {@link #resume()} can SIGSTOP / SIGCONT it to simulate a hung node.
 */
public final class RedisProcess implements AutoCloseable {

  private static final String SERVER = "/usr/bin/redis-server";
  private static final String CLI = "/usr/bin/redis-cli";
  private static final Duration CLI_DEADLINE = Duration.ofSeconds(5);

  private final Path dir;
  private final int port;
  private final AtomicBoolean closed = new AtomicBoolean();
  private Process process;

  private RedisProcess(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /** A data node; {@code extraArgs} are more redis-server options, e.g. "--maxclients", "2". */
  public static RedisProcess start(String... extraArgs) throws IOException {
    return launch(redis -> {
      List<String> command = new ArrayList<>(List.of(SERVER, "--save", "", "--appendonly", "no",
        "--bind", "127.0.0.1", "--port", String.valueOf(redis.port), "--dir", redis.dir.toString()));
      command.addAll(List.of(extraArgs));
      return command;
    });
  }

  /**
   * A sentinel: {@code redis-server sentinel.conf --sentinel}. {@code config} holds the
   * {@code sentinel ...} lines; port, bind and dir are added. The file lives in the temp dir because a
   * sentinel rewrites its config on every state change and refuses to start without write access.
   */
  public static RedisProcess startSentinel(String config) throws IOException {
    return launch(redis -> {
      Path conf = redis.dir.resolve("sentinel.conf");
      Files.writeString(conf, "port " + redis.port + "\nbind 127.0.0.1\ndir " + redis.dir + "\n" + config + "\n");
      return List.of(SERVER, conf.toString(), "--sentinel");
    });
  }

  private interface Command {
    List<String> build(RedisProcess redis) throws IOException;
  }

  private static RedisProcess launch(Command command) throws IOException {
    Exec.requireBinary(SERVER, "redis-server");
    Exec.requireBinary(CLI, "redis-tools");
    RedisProcess redis = new RedisProcess(Exec.tempDir("redis", false), Ports.free());
    Exec.track(redis);
    try {
      redis.process = Exec.spawn(command.build(redis), redis.dir, redis.dir.resolve("redis.log"));
      Exec.awaitListening(redis.process, redis.port, Duration.ofSeconds(10), redis::log);
      return redis;
    } catch (RuntimeException | IOException e) {
      redis.close();
      throw e;
    }
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  /** {@code redis://127.0.0.1:<port>}. */
  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  /**
   * {@code redis-cli -h 127.0.0.1 -p <port> args...} within 5 s; trimmed stdout. Error replies come
   * back as text ("ERR ..."); a refused connection or a non-zero exit throws.
   */
  public String cli(String... args) {
    List<String> command = new ArrayList<>(List.of(CLI, "-h", "127.0.0.1", "-p", String.valueOf(port)));
    command.addAll(List.of(args));
    return Exec.ok(CLI_DEADLINE, command);
  }

  /** SIGSTOP: the port still accepts connections (the kernel's backlog) but nothing answers. */
  public void pause() {
    signal("-STOP");
  }

  /** SIGCONT after {@link #pause()}. */
  public void resume() {
    signal("-CONT");
  }

  /** What the server logged (its stdout). */
  public String log() {
    return Exec.read(dir.resolve("redis.log"));
  }

  /** Resumes (a stopped process still dies from SIGKILL, but be explicit), kills, deletes the dir. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      if (process != null && process.isAlive()) {
        try {
          signal("-CONT");
        } catch (RuntimeException e) {
          // It died meanwhile, or kill failed: SIGKILL below works on a stopped process anyway.
        }
      }
      Exec.kill(process);
    } finally {
      Exec.deleteTree(dir);
      Exec.untrack(this);
    }
  }

  private void signal(String signal) {
    Exec.requireBinary("/bin/kill", "procps");
    Exec.ok(CLI_DEADLINE, List.of("/bin/kill", signal, String.valueOf(process.pid())));
  }
}
