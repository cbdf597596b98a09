package io.healthservice.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Plumbing shared by the real-server harnesses ({@link PgBouncerProcess}, {@link PrivatePostgres},
 * {@link RedisProcess}): commands with deadlines, the {@code postgres} OS user, temp dirs, and a JVM
 * shutdown hook that closes whatever a crashed test left open.
 */
public final class Exec {

  /** What a finished command printed. */
  public record Result(int exitCode, String stdout, String stderr) {
  }

  /** Debian's PgBouncer and Postgres refuse to run as root, so they run as this user. */
  public static final String POSTGRES_USER = "postgres";
  private static final Set<AutoCloseable> OPEN = ConcurrentHashMap.newKeySet();

  static {
    // Last resort: a test that dies before its close() (or a killed surefire fork) leaves no servers behind.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(Exec::closeQuietly), "real-server-reaper"));
  }

  private Exec() {
  }

  /** Fails loudly instead of skipping: a missing server must never turn into a green build. */
  public static void requireBinary(String path, String debianPackage) {
    if (!Files.isExecutable(Path.of(path))) {
      throw new IllegalStateException(path + " is missing: install the Debian package '" + debianPackage
        + "' (apt-get install " + debianPackage + ")");
    }
  }

  /** {@code command} run as the {@code postgres} user; setpriv execs, so the PID is the command's own. */
  public static List<String> asPostgres(String... command) {
    requireBinary("/usr/bin/setpriv", "util-linux");
    List<String> full = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=" + POSTGRES_USER,
      "--regid=" + POSTGRES_USER, "--init-groups", "--"));
    full.addAll(List.of(command));
    return full;
  }

  /** Starts a long-running server with its output going to {@code output}; the caller owns the PID. */
  public static Process spawn(List<String> command, Path dir, Path output) throws IOException {
    return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
      .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
      .start();
  }

  /**
   * Runs a command to completion within {@code deadline} (killed and reported otherwise). Output goes
   * through files so a chatty command can never block on a full pipe.
   */
  public static Result run(Duration deadline, List<String> command) {
    Path out = null;
    Path err = null;
    Process process = null;
    try {
      out = Files.createTempFile("harness", ".out");
      err = Files.createTempFile("harness", ".err");
      process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
      if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
        killTree(process);
        throw new IllegalStateException("not done within " + deadline + ": " + command + "; stderr: " + read(err));
      }
      return new Result(process.exitValue(), read(out), read(err));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      // A test's @Timeout interrupts the wait: the command (a node driving a browser, say) must not outlive it.
      killTree(process);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + command, e);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  /** The process and every process it started (a browser under node), forcibly. */
  private static void killTree(Process process) {
    if (process == null) {
      return;
    }
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Like {@link #run} but a non-zero exit is an error; returns the trimmed stdout. */
  public static String ok(Duration deadline, List<String> command) {
    Result result = run(deadline, command);
    if (result.exitCode() != 0) {
      throw new IllegalStateException("exit " + result.exitCode() + " from " + command + ": " + result.stderr()
        + result.stdout());
    }
    return result.stdout().trim();
  }

  /** Polls {@code condition} every 50 ms until it holds, failing with {@code diagnostics} after {@code deadline}. */
  public static void await(String what, Duration deadline, BooleanSupplier condition, Supplier<String> diagnostics) {
    long end = System.nanoTime() + deadline.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        String details;
        try {
          details = diagnostics.get();
        } catch (RuntimeException e) {
          details = "(diagnostics failed: " + e.getMessage() + ")";
        }
        throw new IllegalStateException("no " + what + " within " + deadline + ": " + details);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for " + what, e);
      }
    }
  }

  /** Waits for {@code process} to listen on {@code port}; fails at once if it died. */
  public static void awaitListening(Process process, int port, Duration deadline, Supplier<String> log) {
    await("listener on 127.0.0.1:" + port, deadline, () -> {
      if (!process.isAlive()) {
        throw new IllegalStateException("exited with " + process.exitValue() + " before listening: " + log.get());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return true;
      } catch (IOException e) {
        return false;
      }
    }, log);
  }

  /** SIGKILL and wait; idempotent. */
  public static void kill(Process process) {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("PID " + process.pid() + " survived SIGKILL for 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A fresh dir under /tmp (short, so unix socket paths fit), owned by the postgres user if asked. */
  public static Path tempDir(String prefix, boolean forPostgres) throws IOException {
    Path dir = Files.createTempDirectory(Path.of("/tmp"), prefix);
    if (forPostgres) {
      UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
      PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
      view.setOwner(users.lookupPrincipalByName(POSTGRES_USER));
      GroupPrincipal group = users.lookupPrincipalByGroupName(POSTGRES_USER);
      view.setGroup(group);
    }
    return dir;
  }

  public static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(unreadable " + file + ": " + e + ")";
    }
  }

  public static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(Exec::deleteQuietly);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void track(AutoCloseable harness) {
    OPEN.add(harness);
  }

  static void untrack(AutoCloseable harness) {
    OPEN.remove(harness);
  }

  private static void deleteQuietly(Path path) {
    try {
      if (path != null) {
        Files.deleteIfExists(path);
      }
    } catch (IOException ignored) {
      // Best effort: a leftover temp file is harmless; the caller's own check reports real trouble.
    }
  }

  private static void closeQuietly(AutoCloseable harness) {
    try {
      harness.close();
    } catch (Exception ignored) {
      // Already shutting down the JVM: nothing left to report to.
    }
  }
}
